package dev.claymcp.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ServerProcess;

/** The packaged jar over stdio, as Claude Desktop runs it. */
class StdioIT {

    static final Duration ANSWER = Duration.ofSeconds(30);
    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static ServerProcess server(int httpPort) {
        return ServerProcess.start(Map.of("CLAY_API_URL", clay.baseUrl(), "CLAY_SESSION_COOKIE", Canary.COOKIE,
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort)));
    }

    @Test
    void initializeListAndCallOnStdoutThatCarriesOnlyProtocol() throws IOException {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":7}")));
        int httpPort = ServerProcess.freePort();
        try (ServerProcess server = server(httpPort)) {
            JsonObject init = server.initialize();
            assertEquals("clay-mcp-server", init.getJsonObject("result").getJsonObject("serverInfo").getString("name"));

            server.send(ServerProcess.request(1, "tools/list", null));
            assertEquals(9, server.response(1, ANSWER).getJsonObject("result").getJsonArray("tools").size());

            server.send(ServerProcess.toolCall(2, "count_rows", new JsonObject().put("tableId", "t_abc")));
            JsonObject result = server.response(2, ANSWER).getJsonObject("result");
            assertFalse(result.getBoolean("isError"));
            assertEquals(new JsonObject().put("tableId", "t_abc").put("count", 7), result.getJsonObject("structuredContent"));
            clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count"))
                    .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));

            // stdio mode binds no HTTP port: several copies run side by side under one desktop client
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", httpPort), 1000);
                }
            });

            server.closeStdin();
            assertEquals(0, server.waitFor(ANSWER));
            for (String line : server.stdout()) {
                new JsonObject(line); // every stdout line is a JSON-RPC message
                assertTrue(line.contains("\"jsonrpc\":\"2.0\""), line);
            }
            assertFalse(String.join("\n", server.stdout()).contains(Canary.COOKIE));
            assertFalse(server.stderr().contains(Canary.COOKIE));
        }
    }

    @Test
    void malformedAndEmptyLinesGetParseErrorsAndLaterLinesAreStillAnswered() throws IOException {
        try (ServerProcess server = server(ServerProcess.freePort())) {
            server.initialize();

            server.send("this is not json");
            JsonObject error = server.next(ANSWER);
            assertEquals(-32700, error.getJsonObject("error").getInteger("code"));
            assertTrue(error.containsKey("id") && error.getValue("id") == null);

            server.send("");
            assertEquals(-32700, server.next(ANSWER).getJsonObject("error").getInteger("code"));

            server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"");
            assertEquals(-32700, server.next(ANSWER).getJsonObject("error").getInteger("code"));

            server.send("42");
            assertEquals(-32600, server.next(ANSWER).getJsonObject("error").getInteger("code"));

            server.send(ServerProcess.request(4, "ping", null));
            assertTrue(server.response(4, ANSWER).containsKey("result"));
            server.send(ServerProcess.request(5, "tools/list", null));
            assertEquals(9, server.response(5, ANSWER).getJsonObject("result").getJsonArray("tools").size());
        }
    }

    @Test
    void stdinEofWithACallInFlightAnswersItThenExitsZero() throws IOException {
        clay.stubFor(get("/v3/tables/t_slow/count").willReturn(okJson("{\"count\":11}").withFixedDelay(1500)));
        try (ServerProcess server = server(ServerProcess.freePort())) {
            server.initialize();

            server.send(ServerProcess.toolCall(9, "count_rows", new JsonObject().put("tableId", "t_slow")));
            server.closeStdin();

            JsonObject answer = server.response(9, ANSWER);
            assertEquals(11, answer.getJsonObject("result").getJsonObject("structuredContent").getInteger("count"));
            assertEquals(0, server.waitFor(ANSWER));
        }
    }

    @Test
    void aCookieThatCannotBeAHeaderStopsStartUpWithoutShowingIt() {
        String bad = Canary.COOKIE + "; other=1";
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_API_URL", clay.baseUrl(), "CLAY_SESSION_COOKIE", bad))) {
            int exit = server.waitFor(ANSWER);
            assertNotEquals(0, exit);
            assertTrue(server.stderr().contains("holds a line break, a control character or ';'"), server.stderr());
            assertFalse(server.stderr().contains(Canary.COOKIE));
            assertTrue(server.stdout().isEmpty(), "nothing on stdout: " + server.stdout());
        }
    }

    @Test
    void anUnknownToolNameStopsStartUpListingTheValidNames() {
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_API_URL", clay.baseUrl(),
                "CLAY_TOOLS", "count_rows,cuont_rows"))) {
            assertNotEquals(0, server.waitFor(ANSWER));
            assertTrue(server.stderr().contains("Unknown tool name(s) in CLAY_TOOLS / CLAY_EXCLUDE_TOOLS: cuont_rows. "
                    + "Valid names: add_rows, add_webhook_source, count_rows, delete_all_rows, delete_row, "
                    + "delete_source, list_record_ids, list_sources, run_enrichment."), server.stderr());
        }
    }
}

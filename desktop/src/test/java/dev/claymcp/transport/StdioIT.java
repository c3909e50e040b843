package dev.claymcp.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/** The packaged jar over stdio, as Claude Desktop runs it. */
class StdioIT {

    static final Duration ANSWER = Duration.ofSeconds(30);
    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static ServerProcess server(int httpPort) {
        return server(httpPort, ServerProcess.freePort());
    }

    private static ServerProcess server(int httpPort, int managementPort) {
        return ServerProcess.start(Map.of("CLAY_API_URL", clay.baseUrl(), "CLAY_SESSION_COOKIE", Canary.COOKIE,
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort)));
    }

    @Test
    void initializeListAndCallOnStdoutThatCarriesOnlyProtocol() throws IOException {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":7}")));
        int[] ports = ServerProcess.freePorts(2);
        int httpPort = ports[0];
        int managementPort = ports[1];
        try (ServerProcess server = server(httpPort, managementPort)) {
            JsonObject init = server.initialize();
            assertEquals("clay-mcp-server", init.getJsonObject("result").getJsonObject("serverInfo").getString("name"));

            server.send(ServerProcess.request(1, "tools/list", null));
            assertEquals(13, server.response(1, ANSWER).getJsonObject("result").getJsonArray("tools").size());

            server.send(ServerProcess.toolCall(2, "count_rows", new JsonObject().put("tableId", "t_abc")));
            JsonObject result = server.response(2, ANSWER).getJsonObject("result");
            assertFalse(result.getBoolean("isError"));
            assertEquals(new JsonObject().put("tableId", "t_abc").put("count", 7), result.getJsonObject("structuredContent"));
            clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count"))
                    .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));

            // stdio mode binds no port, neither MCP's nor the metrics': several copies run side by side under one
            // desktop client
            for (int port : new int[] { httpPort, managementPort }) {
                assertThrows(ConnectException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    }
                });
            }

            server.closeStdin();
            assertEquals(0, server.waitFor(ANSWER));
            for (String line : server.stdout()) {
                new JsonObject(line); // every stdout line is a JSON-RPC message
                assertTrue(line.contains("\"jsonrpc\":\"2.0\""), line);
            }
            assertFalse(Canary.leaksIn(String.join("\n", server.stdout())));
            assertFalse(Canary.leaksIn(server.stderr()));
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
            assertEquals(13, server.response(5, ANSWER).getJsonObject("result").getJsonArray("tools").size());
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

    /**
     * A client that stops the server as soon as it has its answers: initialize is answered before Quarkus has booted
     * (from the answers the build made), so SIGTERM arrives mid-boot, with stdin still open. It must still end the
     * process, with exit 0, rather than be forgotten by a Quarkus that was not running yet.
     */
    @Test
    void sigtermRightAfterTheFirstAnswerStopsTheServer() {
        try (ServerProcess server = server(ServerProcess.freePort())) {
            server.initialize();
            server.terminate();
            assertEquals(0, server.waitFor(ANSWER));
        }
    }

    /** Clay's host does not resolve: nothing can have been sent, so add_rows reports its rows as not added. */
    @Test
    void aHostThatDoesNotResolveMeansNothingWasAdded() {
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_API_URL", "http://clay-api.invalid",
                "CLAY_SESSION_COOKIE", Canary.COOKIE))) {
            server.initialize();
            server.send(ServerProcess.toolCall(2, "add_rows", new JsonObject().put("tableId", "t_abc")
                    .put("rows", new JsonArray().add(new JsonObject().put("id", "a")).add(new JsonObject().put("id", "b")))));

            JsonObject result = server.response(2, ANSWER).getJsonObject("result");

            assertTrue(result.getBoolean("isError"));
            assertEquals("Could not get an answer from Clay: the host name of CLAY_API_URL did not resolve. Check the "
                    + "network and CLAY_API_URL, then try again. 0 of 2 rows were added. NOT added: the 2 rows 0-1 (ids "
                    + "a, b); send only these again.", result.getJsonArray("content").getJsonObject(0).getString("text"));
            assertEquals(0, result.getJsonObject("structuredContent").getInteger("uncertain"));
        }
    }

    /**
     * Text outside ASCII arrives at Clay exactly as sent, even when the platform charset is ASCII (a JDK 17 started
     * with LANG=C reads stdin as ASCII); bytes that are not UTF-8 are refused, not rewritten.
     */
    @Test
    void nonAsciiTextSurvivesAnAsciiPlatformCharsetAndInvalidUtf8IsRefused() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_API_URL", clay.baseUrl(),
                "CLAY_SESSION_COOKIE", Canary.COOKIE, "LANG", "C", "LC_ALL", "C"))) {
            server.initialize();
            server.send(ServerProcess.toolCall(2, "add_rows", new JsonObject().put("tableId", "t_abc").put("rows",
                    new JsonArray().add(new JsonObject().put("id", "zoë-😀").put("cells",
                            new JsonObject().put("f_name", "Ünïcödé ©"))))));
            assertFalse(server.response(2, ANSWER).getJsonObject("result").getBoolean("isError"));
            clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withRequestBody(equalToJson(
                    "{\"records\":[{\"id\":\"zoë-😀\",\"cells\":{\"f_name\":\"Ünïcödé ©\"}}]}")));

            byte[] broken = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"x\":\"\u00ff\"}\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            server.sendBytes(broken);
            JsonObject refused = server.next(ANSWER);
            assertEquals(-32700, refused.getJsonObject("error").getInteger("code"));
            server.send(ServerProcess.request(4, "ping", null));
            assertTrue(server.response(4, ANSWER).containsKey("result"), "the server reads on");
        }
    }

    /**
     * SIGTERM while add_rows is sending chunks: the call stops at the next chunk boundary and answers with its exact
     * report, its audit line is written, and the process exits.
     */
    @Test
    void sigtermDuringABulkAddAnswersWithTheExactReport() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}").withFixedDelay(700)));
        JsonArray rows = new JsonArray();
        for (int i = 0; i < 500; i++) {
            rows.add(new JsonObject().put("id", "r" + i));
        }
        try (ServerProcess server = server(ServerProcess.freePort())) {
            server.initialize();
            server.send(ServerProcess.toolCall(2, "add_rows", new JsonObject().put("tableId", "t_abc").put("rows", rows)));
            Conditions.await(ANSWER, "the first chunk reached Clay", () -> !clay.getAllServeEvents().isEmpty());

            server.terminate();

            JsonObject result = server.response(2, ANSWER).getJsonObject("result");
            assertTrue(result.getBoolean("isError"));
            String text = result.getJsonArray("content").getJsonObject(0).getString("text");
            int sent = clay.getAllServeEvents().size();
            assertTrue(text.startsWith("Stopped: the server is shutting down. " + (sent * 100) + " of 500 rows were "
                    + "added"), text + " (" + sent + " chunks reached Clay)");
            assertEquals(sent * 100, result.getJsonObject("structuredContent").getInteger("added"));
            server.waitFor(ANSWER);
            assertTrue(server.stderr().contains("\"tool\":\"add_rows\",\"outcome\":\"error\""), server.stderr());
            assertTrue(sent < 5, "it stopped early: " + sent + " chunks");
        }
    }
}

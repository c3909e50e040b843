package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static dev.claymcp.support.Mcp.args;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * What the attack run on the hosted server found, each as its own probe: requests without a token open nothing,
 * a session belongs to the caller who opened it, routes answer only their own methods, and who called is audited.
 */
@QuarkusTest
@TestProfile(Profiles.HostedWithTokens.class)
class HostedHardeningTest extends ClayToolTest {

    static final String TOKEN_A = "tok-A-0123456789";
    static final String TOKEN_B = Profiles.HostedWithTokens.TOKEN;

    @Inject
    SessionOwners sessions;

    @Inject
    OpenStreams streams;

    @Override
    protected void connectClient() {
        client = clientWith(TOKEN_A);
    }

    static McpStreamableTestClient clientWith(String token) {
        return McpAssured.newStreamableClient()
                .setAdditionalHeaders(m -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token))
                .build().connect();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .accept("application/json, text/event-stream");
    }

    /** Attack run finding 1: 50 OPTIONS /mcp/sse without a token opened 50 SSE sessions. */
    @Test
    void optionsWithoutATokenOpensNoSession() {
        int before = sessions.open();
        for (int i = 0; i < 50; i++) {
            // not a preflight: it needs a token like any other request
            given().options("/mcp/sse").then().statusCode(401);
            // a preflight from an allowed origin is answered by CORS, and goes no further
            given().header("Origin", "https://agents.example.com").header("Access-Control-Request-Method", "GET")
                    .options("/mcp/sse").then().statusCode(200)
                    .header("Content-Type", not(containsString("text/event-stream")));
        }
        assertEquals(before, sessions.open(), "no session was opened");
    }

    @Test
    void eachRouteAnswersOnlyItsOwnMethodsAndNoOtherOpensASession() {
        int before = sessions.open();
        for (String method : List.of("PUT", "PATCH", "HEAD")) {
            as(TOKEN_A).request(method, "/mcp/sse").then().statusCode(405).header("Allow", equalTo("GET"));
            as(TOKEN_A).request(method, "/mcp").then().statusCode(405).header("Allow", equalTo("DELETE, GET, POST"));
        }
        // an OPTIONS that is not a preflight, with a token: what the route allows, and nothing opened
        as(TOKEN_A).options("/mcp/sse").then().statusCode(204).header("Allow", equalTo("GET"));
        as(TOKEN_A).post("/mcp/messages/whatever").then().statusCode(404);
        assertEquals(before, sessions.open(), "no session was opened");
    }

    @Test
    void twoAuthorizationHeadersAreABadRequest() throws IOException {
        URI base = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + TOKEN_A + "\r\nAuthorization: Bearer wrong\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 400 Bad Request", new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine());
        }
    }

    /** Attack run finding 7: one caller used and ended another's session. */
    @Test
    void aSessionBelongsToTheCallerWhoOpenedIt() {
        String session = client.mcpSessionId();
        String list = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}";

        as(TOKEN_B).header("Mcp-Session-Id", session).body(list).post("/mcp").then().statusCode(404);
        as(TOKEN_B).header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(404);
        as(TOKEN_B).header("Mcp-Session-Id", session).get("/mcp").then().statusCode(404);

        // the owner's session is untouched
        client.when().toolsList(page -> assertEquals(13, page.size())).thenAssertResults();
        as(TOKEN_A).header("Mcp-Session-Id", session).body(list).post("/mcp").then().statusCode(200);
    }

    @Test
    void aLegacySseSessionBelongsToTheCallerWhoOpenedIt() throws Exception {
        URI base = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
        var http = java.net.http.HttpClient.newHttpClient();
        var stream = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/mcp/sse"))
                .header("Authorization", "Bearer " + TOKEN_A).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        try (var lines = stream.body()) {
            String endpoint = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow().substring(5).strip();
            String init = HttpAuthTest.INIT;

            as(TOKEN_B).body(init).post(endpoint).then().statusCode(404);
            as(TOKEN_A).body(init).post(endpoint).then().statusCode(200);
        }
    }

    /** Audit lines name the caller (which token, never the token itself), so a team can tell who deleted what. */
    @Test
    void auditLinesNameTheCallerButNeverTheToken() {
        clay.stubFor(delete("/v3/tables/t_abc/records/r1").willReturn(noContent()));
        McpStreamableTestClient second = clientWith(TOKEN_B);
        try (CapturedLogs logs = CapturedLogs.start()) {
            second.when().toolsCall("delete_row", args("tableId", "t_abc", "recordId", "r1"),
                    r -> assertFalse(r.isError())).thenAssertResults();
            client.when().toolsCall("delete_row", args("tableId", "t_abc", "recordId", "r1"),
                    r -> assertFalse(r.isError())).thenAssertResults();

            List<JsonObject> lines = logs.lines("clay.audit").stream()
                    .map(l -> new JsonObject(l.substring(l.indexOf('{')))).toList();
            assertEquals(List.of("token#2", "token#1"), lines.stream().map(l -> l.getString("caller")).toList());
            String all = String.join("\n", logs.lines(null));
            assertFalse(all.contains(TOKEN_A) || all.contains(TOKEN_B), "no token in any log line");
        }
    }

    /**
     * The library began every event stream with a debug log notification ("Subsidiary SSE opened") no client asked
     * for; now a stream's first event is what the server has to say (here a keep-alive), unless the session asked for
     * debug logs with logging/setLevel.
     */
    @Test
    void anEventStreamBeginsWithTheLibrarysDebugNoticeOnlyWhenTheSessionAskedForDebugLogs() throws IOException {
        String first = firstEventOfAStream(client.mcpSessionId());
        assertEquals(": keep-alive\n\n", first, "the stream's first event");

        McpStreamableTestClient debugging = clientWith(TOKEN_A);
        as(TOKEN_A).header("Mcp-Session-Id", debugging.mcpSessionId())
                .body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}")
                .post("/mcp").then().statusCode(200);
        String notice = firstEventOfAStream(debugging.mcpSessionId());
        assertTrue(notice.contains("\"method\":\"notifications/message\"") && notice.contains("Subsidiary SSE opened"),
                "asked for debug logs, the session gets the library's: " + notice);
    }

    /** Opens an event stream (GET /mcp) of this session, has keep-alives written, and reads its first event. */
    String firstEventOfAStream(String session) throws IOException {
        URI base = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + TOKEN_A + "\r\nMcp-Session-Id: " + session + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = line(in);
            assertEquals("HTTP/1.1 200 OK", head);
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                // the stream's headers: chunked, an event stream
            }
            // the stream has begun (its headers are here): what the server writes next follows anything the library
            // wrote with them
            streams.keepAlive();
            int size = Integer.parseInt(line(in).strip(), 16);
            return new String(in.readNBytes(size), StandardCharsets.UTF_8);
        }
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n';) {
            if (b < 0) {
                throw new IOException("the stream ended after: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}

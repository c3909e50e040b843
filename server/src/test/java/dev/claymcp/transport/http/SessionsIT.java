package dev.claymcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * HTTP sessions are bounded: beyond CLAY_MCP_MAX_SESSIONS (3 here) a new one is refused with a clear answer, and
 * idle ones end after CLAY_MCP_SESSION_IDLE_TIMEOUT (1 s here), which makes room again.
 */
class SessionsIT {

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(int port, String session, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        try {
            return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> initialize(int port) {
        return post(port, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    }

    @Test
    void sessionsBeyondTheLimitAreRefusedAndIdleOnesEnd() {
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true",
                "QUARKUS_HTTP_PORT", Integer.toString(port), "CLAY_MCP_MAX_SESSIONS", "3",
                "CLAY_MCP_SESSION_IDLE_TIMEOUT", "1s"))) {
            Conditions.await(Duration.ofSeconds(60), "the server to listen", () -> {
                try {
                    return initialize(port).statusCode() == 200;
                } catch (IllegalStateException notYet) {
                    return false;
                }
            });
            // open sessions until the server says no: the fourth at the latest, later only if some idled out meanwhile
            HttpResponse<String> answer;
            int opened = 0;
            while ((answer = initialize(port)).statusCode() == 200) {
                assertTrue(++opened < 50, "a limit of 3 sessions refuses some of 50 in a row");
            }
            assertEquals(503, answer.statusCode());
            assertEquals("60", answer.headers().firstValue("Retry-After").orElse(null));
            assertTrue(answer.body().contains("This server has 3 open sessions, its limit (CLAY_MCP_MAX_SESSIONS)"),
                    answer.body());

            // nobody ended a session, yet idle ones end after a second, which makes room again
            Conditions.await(Duration.ofSeconds(60), "room for a new session", () -> initialize(port).statusCode() == 200);
        }
    }
}

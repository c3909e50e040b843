package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;
import dev.claymcp.support.ToolCalls;

/**
 * The packaged server when Clay cannot be used: no cookie, nobody listening, or no answer. Every tool answers with a
 * clear isError result saying whether anything can have reached Clay, and the server goes on serving.
 */
class UnreachableClayIT {

    static final Duration ANSWER = Duration.ofSeconds(60);
    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static JsonObject call(ServerProcess server, int id, ToolCalls call) {
        server.send(ServerProcess.toolCall(id, call.tool(), new JsonObject(call.arguments())));
        return server.response(id, ANSWER).getJsonObject("result");
    }

    private static String text(JsonObject result) {
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }

    @Test
    void withoutACookieToolsAreListedAndEveryCallSaysHowToSetOne() {
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_API_URL", clay.baseUrl()))) {
            server.initialize();
            server.send(ServerProcess.request(1, "tools/list", null));
            assertEquals(13, server.response(1, ANSWER).getJsonObject("result").getJsonArray("tools").size());
            int id = 2;
            for (ToolCalls c : ToolCalls.all()) {
                JsonObject result = call(server, id++, c);
                assertTrue(result.getBoolean("isError"), c.tool());
                assertTrue(text(result).startsWith("No Clay session cookie is configured, so nothing was sent to Clay. "
                        + "Set CLAY_SESSION_COOKIE"), text(result));
            }
            assertTrue(server.stderr().contains("No Clay session cookie is configured"), server.stderr());
            // every call that would have changed data is audited as refused, never as an error: nothing was sent
            List<JsonObject> audit = server.stderr().lines().filter(l -> l.contains("\"outcome\""))
                    .map(l -> new JsonObject(l.substring(l.indexOf('{')))).toList();
            assertTrue(audit.stream().anyMatch(a -> a.getString("tool").equals("add_rows")), server.stderr());
            for (JsonObject line : audit) {
                assertEquals("refused", line.getString("outcome"), line.encode());
            }
        }
        assertTrue(clay.getAllServeEvents().isEmpty(), "nothing reached Clay");
    }

    @Test
    void aRefusedConnectionIsAClearErrorAndNothingWasAdded() {
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_SESSION_COOKIE", Canary.COOKIE,
                "CLAY_API_URL", "http://127.0.0.1:" + ServerProcess.freePort(), "CLAY_RETRY_INITIAL_BACKOFF", "5ms"))) {
            server.initialize();
            int id = 1;
            for (ToolCalls c : ToolCalls.all()) {
                JsonObject result = call(server, id++, c);
                assertTrue(result.getBoolean("isError"), c.tool());
                assertTrue(text(result).startsWith("Could not get an answer from Clay: the connection was refused. "
                        + "Check the network and CLAY_API_URL"), text(result));
                if (c.tool().equals("add_rows")) {
                    assertEquals(0, result.getJsonObject("structuredContent").getInteger("uncertain"));
                    assertEquals(1, result.getJsonObject("structuredContent").getInteger("notAdded"));
                }
            }
            server.send(ServerProcess.request(id, "tools/list", null));
            assertEquals(13, server.response(id, ANSWER).getJsonObject("result").getJsonArray("tools").size());
            assertFalse(Canary.leaksIn(server.stderr()));
        }
    }

    /**
     * A Clay that does not answer: each attempt ends at the read timeout (300 ms here) and the whole call, retries
     * included, within its budget (1.2 s here) instead of four full attempts; a chunk without an answer is uncertain.
     */
    @Test
    void aClayThatDoesNotAnswerIsGivenUpOnWithinTheCallsBudget() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":1}").withFixedDelay(5000)));
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}").withFixedDelay(5000)));
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_SESSION_COOKIE", Canary.COOKIE,
                "CLAY_API_URL", clay.baseUrl(), "CLAY_READ_TIMEOUT_MS", "300", "CLAY_CONNECT_TIMEOUT_MS", "300",
                "CLAY_CALL_TIMEOUT", "1200ms"))) {
            server.initialize();

            JsonObject count = call(server, 1, ToolCalls.all().get(0));
            assertTrue(count.getBoolean("isError"));
            assertEquals("Could not get an answer from Clay: it did not answer in time. Check the network and "
                    + "CLAY_API_URL, then try again.", text(count));
            // attempts of up to 600 ms start only while they can end within 1.2 s: two at most (four without a
            // budget); a busy machine only makes for fewer, and Clay's log can only lag behind, never add one
            int attempts = clay.findAll(getRequestedFor(urlEqualTo("/v3/tables/t_abc/count"))).size();
            assertTrue(attempts <= 2, attempts + " attempts");

            server.send(ServerProcess.toolCall(2, "add_rows", new JsonObject().put("tableId", "t_abc").put("rows",
                    new JsonArray().add(new JsonObject().put("id", "a")).add(new JsonObject().put("id", "b")))));
            JsonObject add = server.response(2, ANSWER).getJsonObject("result");
            assertTrue(text(add).startsWith("Could not get an answer from Clay: it did not answer in time."), text(add));
            assertEquals(2, add.getJsonObject("structuredContent").getInteger("uncertain"));
            // add_rows is never retried: once Clay has logged the request, there is exactly one
            Conditions.await(ANSWER, "Clay logged the request",
                    () -> !clay.findAll(postRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))).isEmpty());
            clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
        }
    }
}

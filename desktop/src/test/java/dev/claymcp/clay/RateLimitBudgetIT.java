package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * A wait for the rate limit belongs to the call that waits: it ends when the client cancels, and a turn that would
 * come after the call's budget is refused at once. Either way nothing reaches Clay, and the answer and the audit say
 * so. (The attack run's case, on the packaged server: a slow limit, several calls at once, some cancelled.)
 */
class RateLimitBudgetIT {

    static final Duration ANSWER = Duration.ofSeconds(60);
    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static JsonObject addOneRow(int id) {
        return ServerProcess.toolCall(id, "add_rows", new JsonObject().put("tableId", "t_abc")
                .put("rows", new JsonArray().add(new JsonObject().put("id", "row-" + id))));
    }

    @Test
    void aCancelledWaitAndATurnBeyondTheBudgetSendNothing() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));
        // one request every 20 s, a budget of 30 s: the second call's turn is in 20 s, the third's and fourth's after it
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_SESSION_COOKIE", Canary.COOKIE,
                "CLAY_API_URL", clay.baseUrl(), "CLAY_RATE_LIMIT_PER_SECOND", "0.05", "CLAY_RATE_LIMIT_BURST", "1",
                "CLAY_CALL_TIMEOUT", "30s"))) {
            server.initialize();
            server.send(addOneRow(1));
            assertFalse(server.response(1, ANSWER).getJsonObject("result").getBoolean("isError", false));

            for (int id = 2; id <= 4; id++) {
                server.send(addOneRow(id));
            }
            Map<Object, JsonObject> answers = new HashMap<>();
            // one of them gets the turn in 20 s and waits; the two others are refused at once; then the waiting one is
            // cancelled (which one waits is up to the threads that run them)
            while (answers.size() < 2) {
                JsonObject m = server.next(ANSWER);
                if (m.containsKey("id")) {
                    answers.put(m.getValue("id"), m.getJsonObject("result"));
                }
            }
            int waiting = java.util.stream.IntStream.rangeClosed(2, 4).filter(id -> !answers.containsKey(id))
                    .findFirst().orElseThrow();
            server.send(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/cancelled")
                    .put("params", new JsonObject().put("requestId", waiting).put("reason", "the user stopped it")));
            while (answers.size() < 3) {
                JsonObject m = server.next(ANSWER);
                if (m.containsKey("id")) {
                    answers.put(m.getValue("id"), m.getJsonObject("result"));
                }
            }

            for (int id = 2; id <= 4; id++) {
                if (id == waiting) {
                    continue;
                }
                JsonObject refused = answers.get(id);
                assertTrue(refused.getBoolean("isError"), refused.encode());
                assertTrue(text(refused).startsWith("Stopped before sending the request to Clay: this server's rate "
                        + "limit towards Clay (CLAY_RATE_LIMIT_PER_SECOND) has other requests queued"), text(refused));
                assertTrue(text(refused).contains("0 of 1 rows were added. NOT added: row 0 (id row-" + id + ")"),
                        text(refused));
            }
            JsonObject cancelled = answers.get(waiting);
            assertTrue(text(cancelled).startsWith("Stopped before sending the request to Clay: the client cancelled "
                    + "the call. 0 of 1 rows were added. NOT added"), text(cancelled));
            assertEquals(1, cancelled.getJsonObject("structuredContent").getInteger("notAdded"));

            // a call that has answered sends nothing more: Clay saw the first call's request alone
            clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
            Conditions.await(Duration.ofSeconds(30), "four audit lines", () -> server.stderr().lines()
                    .filter(l -> l.startsWith("{") && l.contains("\"tool\":\"add_rows\"") && l.contains("\"outcome\""))
                    .filter(l -> !l.contains("\"outcome\":\"sending\"")).count() == 4);
            // nothing of the three reached Clay: the audit says refused, not error
            assertEquals(3, server.stderr().lines().filter(l -> l.contains("\"tool\":\"add_rows\"")
                    && l.contains("\"outcome\":\"refused\"") && l.contains("\"added\":0")).count(), server.stderr());
        }
    }

    private static String text(JsonObject result) {
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }
}

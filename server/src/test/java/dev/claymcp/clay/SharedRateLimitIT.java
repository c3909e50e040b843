package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.RedisServer;
import dev.claymcp.support.ServerProcess;
import dev.claymcp.support.StdioSession;
import dev.claymcp.support.StdioSession.Answer;

/**
 * CLAY_RATE_LIMIT_REDIS_URL, on the packaged server: two servers with one Clay account draw from one bucket in a real
 * redis-server, so together they send Clay no more than the configured rate; and while Redis is away calls fail
 * without sending anything, then carry on when it is back.
 */
@org.junit.jupiter.api.Tag("deployment") // ./mvnw verify -Pdeployment, as CI runs it
class SharedRateLimitIT {

    static final int PER_SERVER = 15;
    static final int PER_SECOND = 10;
    static final int BURST = 2;

    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** {@code redisWait}: how long a call waits for Redis; the default where Redis is up, as busy machines need. */
    private Map<String, String> env(String redisUrl, String redisWait) {
        return Map.of("CLAY_API_URL", clay.baseUrl(), "CLAY_SESSION_COOKIE", Canary.COOKIE,
                "CLAY_RATE_LIMIT_REDIS_URL", redisUrl, "CLAY_RATE_LIMIT_PER_SECOND", Integer.toString(PER_SECOND),
                "CLAY_RATE_LIMIT_BURST", Integer.toString(BURST), "CLAY_RATE_LIMIT_REDIS_WAIT", redisWait);
    }

    /** Sends all the calls at once, then reads every answer (in whatever order they come). */
    private static List<JsonObject> callAtOnce(ServerProcess server, int calls) {
        for (int id = 1; id <= calls; id++) {
            server.send(ServerProcess.toolCall(id, "count_rows", new JsonObject().put("tableId", "t_abc")));
        }
        List<JsonObject> answers = new ArrayList<>();
        while (answers.size() < calls) {
            JsonObject message = server.next(Duration.ofSeconds(60));
            if (!message.containsKey("method")) {
                answers.add(message);
            }
        }
        return answers;
    }

    @Test
    void twoServersWithOneAccountSendNoMoreThanTheRateTogether() throws Exception {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":7}")));
        try (RedisServer redis = RedisServer.start();
                ServerProcess a = ServerProcess.start(env(redis.url(), "2s"));
                ServerProcess b = ServerProcess.start(env(redis.url(), "2s"))) {
            a.initialize();
            b.initialize();
            // a first request sets up each server's connection to Clay; timed from here on, the requests arrive at
            // Clay when their tokens say, not late by a connection set-up that would bunch them together
            callAtOnce(a, 1);
            callAtOnce(b, 1);
            clay.resetRequests();
            var answersA = new java.util.concurrent.CompletableFuture<List<JsonObject>>();
            Thread other = new Thread(() -> answersA.complete(callAtOnce(a, PER_SERVER)));
            other.start();
            List<JsonObject> answersB = callAtOnce(b, PER_SERVER);
            List<JsonObject> all = new ArrayList<>(answersA.get());
            all.addAll(answersB);
            for (JsonObject answer : all) {
                assertFalse(answer.getJsonObject("result").getBoolean("isError", false), answer.encode());
                assertEquals(7, answer.getJsonObject("result").getJsonObject("structuredContent").getInteger("count"));
            }

            List<ServeEvent> requests = clay.getAllServeEvents();
            assertEquals(2 * PER_SERVER, requests.size(), "one request per call; a count is not retried on 200");
            for (ServeEvent e : requests) {
                assertEquals("claysession=" + Canary.COOKIE, e.getRequest().getHeader("Cookie"));
            }
            // one bucket: beyond the burst, one request per 1/rate s whichever server sends it, so 30 requests
            // span 2.8 s or more; two buckets would let them through in 1.3 s. The bound sits between the two, with
            // room for a request that leaves late and arrives bunched with the next.
            List<Long> at = requests.stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
            long spanMs = at.get(at.size() - 1) - at.get(0);
            long sharedMs = (2L * PER_SERVER - BURST - 1) * 1000 / PER_SECOND;
            assertTrue(spanMs >= sharedMs * 3 / 4, "30 requests reached Clay within " + spanMs + " ms; one shared "
                    + "bucket spaces them over " + sharedMs + " ms or more");
        }
    }

    @Test
    void whileRedisIsAwayCallsFailWithoutSendingAndCarryOnWhenItIsBack() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":7}")));
        int port = ServerProcess.freePort();
        String password = "redis-password-canary-5150";
        String url = "redis://:" + password + "@127.0.0.1:" + port;
        try (StdioSession session = StdioSession.start(env(url, "500ms"))) {
            Answer count = session.call("count_rows", args("tableId", "t_abc"));
            assertTrue(count.isError());
            assertEquals("This server paces its requests to Clay with a rate limit shared through Redis "
                    + "(CLAY_RATE_LIMIT_REDIS_URL), and Redis at 127.0.0.1:" + port + " did not answer within 500 ms, "
                    + "so nothing was sent to Clay (unpaced requests from every replica could get the Clay account "
                    + "throttled). Try again shortly; if it persists, the server's operator must check Redis and CLAY_RATE_LIMIT_REDIS_URL.",
                    count.text());
            Answer add = session.call("add_rows", args("tableId", "t_abc", "rows", List.of(Map.of("id", "a"))));
            assertTrue(add.text().endsWith("0 of 1 rows were added. NOT added: row 0 (id a); send only it again."),
                    add.text());
            assertEquals(0, add.structured().getInteger("uncertain"));
            assertTrue(clay.getAllServeEvents().isEmpty(), "nothing reached Clay");

            RedisServer.assumeInstalled();
            try (RedisServer redis = RedisServer.start(port, password)) {
                Answer again = session.call("count_rows", args("tableId", "t_abc"));
                assertFalse(again.isError(), again.text());
                assertEquals(1, clay.getAllServeEvents().size());
            }
            String log = session.server().stderr();
            assertTrue(log.contains("Redis at 127.0.0.1:" + port + " (CLAY_RATE_LIMIT_REDIS_URL) does not answer"),
                    log);
            assertTrue(log.contains("answers again"), log);
            assertFalse(log.contains(password), "the Redis password is never logged");
            assertFalse(Canary.leaksIn(log), "the cookie is never logged");
        }
    }
}

package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Mcp;
import dev.claymcp.support.Profiles;

/**
 * 50 sessions making 10 add_rows calls each: every call is answered with its own result, and Clay received each row
 * exactly once. (add_rows is never retried, so a slow machine cannot legitimately add a request.)
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class ConcurrentSessionsTest extends ClayToolTest {

    static final int SESSIONS = 50;
    static final int CALLS = 10;

    @Test
    void fiftySessionsOfTwentyCallsEach() throws Exception {
        clay.stubFor(post(urlPathMatching("/v3/tables/t_[0-9]+/records")).willReturn(okJson("{}")));
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        AtomicInteger succeeded = new AtomicInteger();
        List<Future<?>> sessions = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            sessions.add(pool.submit(() -> {
                var mcp = Mcp.client();
                var calls = mcp.when();
                for (int c = 0; c < CALLS; c++) {
                    String table = "t_" + session;
                    String row = "s" + session + "-c" + c;
                    calls.toolsCall("add_rows", args("tableId", table, "rows", List.of(Map.of("id", row))), r -> {
                        assertFalse(r.isError());
                        JsonObject result = (JsonObject) r.structuredContent();
                        assertEquals(table, result.getString("tableId"));
                        assertEquals(row, result.getJsonArray("recordIds").getString(0));
                        succeeded.incrementAndGet();
                    });
                }
                calls.thenAssertResults();
                mcp.disconnect();
            }));
        }
        for (Future<?> f : sessions) {
            f.get(300, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        assertEquals(SESSIONS * CALLS, succeeded.get());
        Map<String, Integer> rowsSeen = new HashMap<>();
        clay.getAllServeEvents().forEach(e -> new JsonObject(e.getRequest().getBodyAsString()).getJsonArray("records")
                .forEach(r -> rowsSeen.merge(((JsonObject) r).getString("id"), 1, Integer::sum)));
        assertEquals(SESSIONS * CALLS, rowsSeen.size(), "every row reached Clay");
        rowsSeen.forEach((row, n) -> assertEquals(1, n, row + " sent once"));
        System.out.printf("concurrent sessions: %d calls in %.2f s = %.0f calls/s%n", SESSIONS * CALLS, seconds,
                SESSIONS * CALLS / seconds);
    }
}

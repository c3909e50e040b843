package dev.claymcp.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Mcp;

/** 50 sessions making 20 calls each: every call answered correctly, and Clay saw each request exactly once. */
@QuarkusTest
@WithTestResource(ClayStub.class)
class ConcurrentSessionsTest extends ClayToolTest {

    static final int SESSIONS = 50;
    static final int CALLS = 20;

    @Test
    void fiftySessionsOfTwentyCallsEach() throws Exception {
        clay.stubFor(get(urlPathMatching("/v3/tables/t_[0-9]+_[0-9]+/count")).willReturn(okJson("{\"count\":3}")));
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
                    String table = "t_" + session + "_" + c;
                    calls.toolsCall("count_rows", args("tableId", table), r -> {
                        assertFalse(r.isError());
                        assertEquals(table, ((JsonObject) r.structuredContent()).getString("tableId"));
                        succeeded.incrementAndGet();
                    });
                }
                calls.thenAssertResults();
                mcp.disconnect();
            }));
        }
        for (Future<?> f : sessions) {
            f.get(120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        assertEquals(SESSIONS * CALLS, succeeded.get());
        Map<String, Integer> seen = new HashMap<>();
        clay.getAllServeEvents().forEach(e -> seen.merge(e.getRequest().getUrl(), 1, Integer::sum));
        assertEquals(SESSIONS * CALLS, seen.size(), "every table was asked for");
        seen.forEach((url, n) -> assertEquals(1, n, url + " requested once"));
        System.out.printf("concurrent sessions: %d calls in %.2f s = %.0f calls/s%n", SESSIONS * CALLS, seconds,
                SESSIONS * CALLS / seconds);
    }
}

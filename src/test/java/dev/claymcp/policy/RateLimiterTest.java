package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Mcp;

/** Requests to Clay from all sessions together keep to the configured rate after the burst. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = {
        @ResourceArg(name = "clay.rate-limit.per-second", value = "5"),
        @ResourceArg(name = "clay.rate-limit.burst", value = "2") })
class RateLimiterTest extends ClayToolTest {

    static final int CALLS = 8;
    static final long SPACING_MS = 200; // 5 per second

    @Test
    void concurrentCallsFromSeveralSessionsAreSpacedByTheRate() {
        clay.stubFor(get(urlPathMatching("/v3/tables/t_[0-9]+/count")).willReturn(okJson("{\"count\":1}")));
        McpStreamableTestClient other = Mcp.client();
        var first = client.when();
        var second = other.when();
        for (int i = 0; i < CALLS; i++) {
            (i % 2 == 0 ? first : second).toolsCall("count_rows").withArguments(args("tableId", "t_" + i))
                    .withAssert(r -> assertFalse(r.isError())).send();
        }
        first.thenAssertResults();
        second.thenAssertResults();

        List<Long> times = clay.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted().toList();
        assertEquals(CALLS, times.size());
        // after a burst of 2, request k may leave no earlier than (k - 1) spacings after the first
        for (int k = 2; k < CALLS; k++) {
            long earliest = times.get(0) + (k - 1) * SPACING_MS - 15;
            assertTrue(times.get(k) >= earliest, "request " + k + " at +" + (times.get(k) - times.get(0))
                    + " ms, expected no earlier than +" + (earliest - times.get(0)) + " ms");
        }
    }
}

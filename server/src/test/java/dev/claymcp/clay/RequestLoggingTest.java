package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.Canary;
import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * With the REST client's request logging turned on the documented way (scope request-response, DEBUG on its
 * category), requests to Clay are logged, and their Cookie header is masked, never printed.
 */
@QuarkusTest
@TestProfile(Profiles.Limits.class)
class RequestLoggingTest extends ClayToolTest {

    @Test
    void requestsAreLoggedWithTheCookieMasked() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":1}").withHeader("Set-Cookie",
                "claysession=" + Canary.COOKIE + "; Path=/")));
        try (CapturedLogs logs = CapturedLogs.start()) {
            call(client, "count_rows", args("tableId", "t_abc"));

            List<String> lines = logs.lines(RedactingClientLogger.LOG.getName());
            assertTrue(lines.stream().anyMatch(l -> l.contains("Request: GET ") && l.contains("/v3/tables/t_abc/count")
                    && l.contains("Cookie=****")), "the request was logged: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains("Response: GET ") && l.contains("Set-Cookie=****")),
                    "the response was logged: " + lines);
            assertFalse(Canary.leaksIn(logs.all()), logs.all());
        }
    }
}

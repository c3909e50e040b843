package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** Reads are retried on transient failures, honouring Retry-After; calls that create data are sent once. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class RetryTest extends ClayToolTest {

    private void firstThen(com.github.tomakehurst.wiremock.client.MappingBuilder first, ResponseDefinitionBuilder failure,
            com.github.tomakehurst.wiremock.client.MappingBuilder then, ResponseDefinitionBuilder success) {
        clay.stubFor(first.inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willReturn(failure)
                .willSetStateTo("recovered"));
        clay.stubFor(then.inScenario("flaky").whenScenarioStateIs("recovered").willReturn(success));
    }

    @Test
    void aReadThatMeets503ThenSucceedsIsRetried() {
        firstThen(get("/v3/tables/t_abc/count"), aResponse().withStatus(503),
                get("/v3/tables/t_abc/count"), okJson("{\"count\":5}"));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
        assertEquals(5, structured(answer).getInteger("count"));
        clay.verify(2, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
    }

    @Test
    void aWriteThatMeets503IsNotRetried() {
        firstThen(post("/v3/tables/t_abc/records"), aResponse().withStatus(503),
                post("/v3/tables/t_abc/records"), okJson("{}"));

        var answer = call(client, "add_rows", args("tableId", "t_abc", "rows", List.of(Map.of("id", "r1"))));

        assertTrue(answer.isError());
        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    @Test
    void retryAfterIsHonoured() {
        firstThen(get("/v3/tables/t_abc/count"), aResponse().withStatus(429).withHeader("Retry-After", "1"),
                get("/v3/tables/t_abc/count"), okJson("{\"count\":5}"));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
        List<LoggedRequest> requests = clay.findAll(getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
        assertEquals(2, requests.size());
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 1000, "the second attempt waited for Retry-After: " + gap + " ms");
    }

    @Test
    void persistentFailureStopsAfterTheConfiguredAttempts() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(502)));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertTrue(answer.isError());
        assertTrue(text(answer).contains("HTTP 502"));
        clay.verify(4, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
    }
}

package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * Metrics for operators, in Prometheus' format on the management port and nowhere else: tool calls by tool, outcome
 * and failure class, requests to Clay by operation and status, waits for the rate limit, and open sessions. Health
 * stays on the MCP port. Counts are read before and after, so other tests of this configuration do not matter.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class MetricsTest extends ClayToolTest {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource("/q")
    URL mcpPortQ;

    String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    @Test
    void callsFailuresClayRequestsAndRateLimitWaitsAreCounted() {
        clay.stubFor(get("/v3/tables/t_metrics/count").willReturn(okJson("{\"count\":3}")));
        clay.stubFor(get("/v3/tables/t_gone/count").willReturn(notFound()));
        String before = scrape();

        assertFalse(call(client, "count_rows", args("tableId", "t_metrics")).isError());
        assertTrue(call(client, "count_rows", args("tableId", "t_gone")).isError());
        assertTrue(call(client, "delete_all_rows", args("tableId", "t_metrics", "confirm", "t_other")).isError());

        String after = scrape();
        assertEquals(1, delta(before, after, "clay_mcp_tool_calls_seconds_count",
                Map.of("tool", "count_rows", "outcome", "ok", "failure", "none")));
        assertEquals(1, delta(before, after, "clay_mcp_tool_calls_seconds_count",
                Map.of("tool", "count_rows", "outcome", "error", "failure", "not_found")));
        assertEquals(1, delta(before, after, "clay_mcp_tool_calls_seconds_count",
                Map.of("tool", "delete_all_rows", "outcome", "refused", "failure", "invalid")));
        assertEquals(1, delta(before, after, "clay_requests_seconds_count",
                Map.of("operation", "count_rows", "status", "200")));
        assertEquals(1, delta(before, after, "clay_requests_seconds_count",
                Map.of("operation", "count_rows", "status", "404")));
        assertEquals(2, delta(before, after, "clay_rate_limit_wait_seconds_count", Map.of()),
                "each request to Clay passed the rate limit");
        assertTrue(value(after, "clay_mcp_sessions_open", Map.of()) >= 1, "this test's session is open");
        assertFalse(after.contains(Canary.COOKIE) || after.contains("t_metrics"), "no secrets, no ids in metrics");
    }

    /**
     * Attack run finding 2: the library labelled its tool-call timer with whatever name a client sent, so 300 made-up
     * names made 900 series, and long names in a loop ran the heap out. Labels now come from the tool registry alone.
     */
    @Test
    void toolNamesAClientMakesUpNeverBecomeLabels() {
        for (int i = 0; i < 300; i++) {
            String name = "made-up-" + i + (i == 0 ? "x".repeat(4096) : "");
            given().contentType("application/json").accept("application/json, text/event-stream")
                    .header("Mcp-Session-Id", client.mcpSessionId())
                    .body(new io.vertx.core.json.JsonObject().put("jsonrpc", "2.0").put("id", 1000 + i)
                            .put("method", "tools/call").put("params", new io.vertx.core.json.JsonObject()
                                    .put("name", name).put("arguments", new io.vertx.core.json.JsonObject())).encode())
                    .post("/mcp").then().statusCode(200);
        }
        clay.stubFor(get("/v3/tables/t_metrics/count").willReturn(okJson("{\"count\":3}")));
        assertFalse(call(client, "count_rows", args("tableId", "t_metrics")).isError());

        String scrape = scrape();
        java.util.Set<String> labels = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("(?m)^mcp_server_requests_tools_call_seconds_count\\{[^}]*tool_name=\"([^\"]*)\"")
                .matcher(scrape);
        while (m.find()) {
            labels.add(m.group(1));
        }
        assertTrue(labels.contains("unknown") && labels.contains("count_rows"), labels.toString());
        assertTrue(java.util.Set.of("unknown", "count_rows", "list_record_ids", "list_sources", "add_rows",
                "run_enrichment", "add_webhook_source", "delete_row", "delete_source", "delete_all_rows",
                "get_table", "read_rows", "list_tables", "enrichment_status").containsAll(labels), labels.toString());
        assertFalse(scrape.contains("made-up"), "no client-chosen text in any label");
    }

    @Test
    void metricsAreNotOnTheMcpPortWhereHealthStays() {
        given().get(mcpPortQ + "/metrics").then().statusCode(404);
        given().get(mcpPortQ + "/health/ready").then().statusCode(200);
        assertFalse(metrics.getPort() == mcpPortQ.getPort(), "a port of their own");
    }

    static double delta(String before, String after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The value of the series with exactly these labels; 0 when it does not exist yet. */
    static double value(String scrape, String name, Map<String, String> labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)})? (\\S+)$").matcher(scrape);
        while (line.find()) {
            Map<String, String> found = new TreeMap<>();
            if (line.group(1) != null) {
                Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(line.group(1));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.equals(new TreeMap<>(labels))) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}

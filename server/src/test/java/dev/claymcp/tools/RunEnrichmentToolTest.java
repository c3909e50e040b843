package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

@QuarkusTest
@TestProfile(Profiles.Standard.class)
class RunEnrichmentToolTest extends ClayToolTest {

    /** Reads the body back as a form parser on Clay's side would: the single field name is the JSON. */
    private JsonObject decodedRunBody() {
        List<LoggedRequest> runs = clay.findAll(patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run")));
        assertEquals(1, runs.size());
        String body = runs.get(0).getBodyAsString();
        assertTrue(body.endsWith("="), "one field name with an empty value: " + body);
        assertEquals(1, body.split("&").length, "exactly one form field: " + body);
        return new JsonObject(URLDecoder.decode(body.substring(0, body.length() - 1), StandardCharsets.UTF_8));
    }

    @Test
    void runsTheTopRowsOfTheViewAsAFormEncodedDocument() {
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc/run")).willReturn(okJson("{\"runId\":\"run_1\"}")));

        ToolResponse answer = call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a", "f_b"), "numRecords", 10));

        JsonObject result = structured(answer);
        assertEquals(new JsonObject().put("tableId", "t_abc").put("viewId", "gv_v1")
                .put("fieldIds", new JsonArray().add("f_a").add("f_b")).put("numRecords", 10).put("accepted", true)
                .put("upstream", new JsonObject().put("runId", "run_1")), result);
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
        assertEquals(new JsonObject("""
                {"fieldIds":["f_a","f_b"],"runRecords":{"viewIdTopRecords":{"viewId":"gv_v1","numRecords":10}},
                 "callerName":"API"}"""), decodedRunBody());
    }

    @Test
    void allRecordsOmitsNumRecords() {
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc/run")).willReturn(aResponse().withStatus(200)));

        JsonObject result = structured(call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "allRecords", true)));

        assertNull(result.getValue("numRecords"));
        assertTrue(result.getBoolean("accepted"));
        assertEquals(new JsonObject("""
                {"fieldIds":["f_a"],"runRecords":{"viewIdTopRecords":{"viewId":"gv_v1"}},"callerName":"API"}"""),
                decodedRunBody());
    }

    @Test
    void withoutNumRecordsOrAllRecordsNothingRuns() {
        ToolResponse answer = call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a")));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Missing argument numRecords"), text(answer));
        assertNothingReachedClay();
    }

    @Test
    void numRecordsAndAllRecordsTogetherAreRefused() {
        ToolResponse answer = call(client, "run_enrichment", args("tableId", "t_abc", "viewId", "gv_v1",
                "fieldIds", List.of("f_a"), "numRecords", 5, "allRecords", true));

        assertTrue(answer.isError());
        assertNothingReachedClay();
    }

    @Test
    void badFieldIdsAreRefusedBeforeClay() {
        for (Object fieldIds : new Object[] { List.of(), List.of("f_a", " "), List.of("f_a", "f".repeat(201)),
                List.of("f_a", "f_a"), "f_a" }) {
            ToolResponse answer = call(client, "run_enrichment",
                    args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", fieldIds, "numRecords", 1));
            assertTrue(answer.isError(), fieldIds.toString());
            assertTrue(text(answer).contains("fieldIds"), text(answer));
        }
        assertNothingReachedClay();
    }

    @Test
    void zeroOrNegativeNumRecordsIsRefused() {
        ToolResponse answer = call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "numRecords", 0));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument numRecords"), text(answer));
        assertNothingReachedClay();
    }

    @Test
    void aFailedRunIsNeverRetried() {
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc/run")).willReturn(aResponse().withStatus(503)));

        ToolResponse answer = call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "numRecords", 3));

        assertTrue(answer.isError());
        assertTrue(text(answer).contains("HTTP 503"), text(answer));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run")));
    }

    /** numRecords decides how many credits are spent: it is read exactly, never rounded or wrapped around. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "-4294967291", "4295967296", "1.5", "0", "-1",
            "1000001", "9223372036854775808", "1e3000" })
    void aNumRecordsThatIsNotAWholeNumberInRangeIsRefusedBeforeClay(String numRecords) {
        var answer = call(client, "run_enrichment", args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds",
                List.of("f_a"), "numRecords", new java.math.BigDecimal(numRecords)));

        assertTrue(answer.isError(), text(answer));
        assertTrue(text(answer).startsWith("Invalid argument numRecords: expected a whole number from 1 to 1000000; "
                + "got "), text(answer));
        assertNothingReachedClay();
    }
}

package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * The report of a call that stopped part-way stays small however many rows and however long their ids: counts and
 * row ranges are exact, the text names only the first and last ids, and the structured content lists at most
 * CLAY_ADD_ROWS_MAX_REPORTED_IDS added ids (3 here, with chunks of 2).
 */
@QuarkusTest
@TestProfile(Profiles.Limits.class)
class AddRowsBoundedReportTest extends ClayToolTest {

    @Test
    void aLongReportIsBoundedButExact() {
        clay.stubFor(post("/v3/tables/t_abc/records").inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{}")).willSetStateTo("one"));
        clay.stubFor(post("/v3/tables/t_abc/records").inScenario("c").whenScenarioStateIs("one")
                .willReturn(okJson("{}")).willSetStateTo("two"));
        clay.stubFor(post("/v3/tables/t_abc/records").inScenario("c").whenScenarioStateIs("two")
                .willReturn(aResponse().withStatus(500)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(Map.of("id", i + "-" + "x".repeat(500)));
        }

        var answer = call(client, "add_rows", args("tableId", "t_abc", "rows", rows));

        assertTrue(answer.isError());
        String message = text(answer);
        // however many rows: the failure, the counts, and the first and last id of each range
        assertTrue(message.length() < 4 * 512 + 600, message.length() + " characters");
        assertTrue(message.contains("4 of 40 rows were added (the 4 rows 0-3, ids 0-x"), message);
        assertTrue(message.contains("NOT added: the 36 rows 4-39 (ids 4-x"), message);
        assertTrue(message.endsWith("structuredContent.recordIds holds the first 3 added ids; list_record_ids shows "
                + "what the table holds."), message);
        JsonObject report = (JsonObject) answer.structuredContent();
        assertEquals(4, report.getInteger("added"));
        JsonArray listed = report.getJsonArray("recordIds");
        assertEquals(3, listed.size());
        assertTrue(listed.getString(0).startsWith("0-") && listed.getString(2).startsWith("2-"), listed.encode());
        assertEquals(true, report.getBoolean("recordIdsTruncated"));
        assertEquals(36, report.getInteger("notAdded"));
        assertEquals(4, report.getInteger("firstNotAddedRow"));
    }
}

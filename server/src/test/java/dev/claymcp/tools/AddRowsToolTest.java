package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

@QuarkusTest
@TestProfile(Profiles.Standard.class)
class AddRowsToolTest extends ClayToolTest {

    private static List<Map<String, Object>> rows(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Map.of("id", "row-" + i, "cells", Map.of("f_name", "Name " + i)));
        }
        return rows;
    }

    private List<JsonArray> sentChunks() {
        List<LoggedRequest> posts = clay.findAll(postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
        List<JsonArray> chunks = new ArrayList<>();
        for (LoggedRequest post : posts) {
            chunks.add(new JsonObject(post.getBodyAsString()).getJsonArray("records"));
        }
        return chunks;
    }

    /** The first chunk is accepted; every later one gets {@code failure}. */
    private void secondChunkAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        clay.stubFor(post("/v3/tables/t_abc/records").inScenario("chunks").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{}")).willSetStateTo("second"));
        clay.stubFor(post("/v3/tables/t_abc/records").inScenario("chunks").whenScenarioStateIs("second")
                .willReturn(failure));
    }

    @Test
    void sendsTheRowsAsClayRecords() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));

        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows",
                List.of(Map.of("id", "lead-1", "cells", Map.of("f_name", "Ada", "f_score", 3)), Map.of("id", "lead-2"))));

        assertEquals(new JsonObject().put("tableId", "t_abc").put("added", 2)
                .put("recordIds", new JsonArray().add("lead-1").add("lead-2")), structured(answer));
        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"records":[{"id":"lead-1","cells":{"f_name":"Ada","f_score":3}},
                                    {"id":"lead-2","cells":{}}]}""")));
    }

    @Test
    void nullAndNestedCellValuesAreSentAsGiven() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));
        Map<String, Object> cells = new java.util.HashMap<>();
        cells.put("f_cleared", null);
        cells.put("f_tags", List.of("a", "b"));

        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows", List.of(Map.of("id", "n1", "cells", cells))));

        assertFalse(answer.isError(), text(answer));
        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withRequestBody(equalToJson(
                "{\"records\":[{\"id\":\"n1\",\"cells\":{\"f_cleared\":null,\"f_tags\":[\"a\",\"b\"]}}]}")));
    }

    @Test
    void generatesUniqueIdsForRowsWithout() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));

        JsonObject result = structured(call(client, "add_rows",
                args("tableId", "t_abc", "rows", List.of(Map.of(), Map.of("cells", Map.of("f_a", "x"))))));

        JsonArray ids = result.getJsonArray("recordIds");
        assertEquals(2, ids.size());
        assertNotEquals(ids.getString(0), ids.getString(1));
        JsonArray sent = sentChunks().get(0);
        assertEquals(ids.getString(0), sent.getJsonObject(0).getString("id"));
        assertEquals(ids.getString(1), sent.getJsonObject(1).getString("id"));
    }

    @Test
    void sendsLargeInputsInChunksOfAHundred() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));

        JsonObject result = structured(call(client, "add_rows", args("tableId", "t_abc", "rows", rows(250))));

        assertEquals(250, result.getInteger("added"));
        List<JsonArray> chunks = sentChunks();
        assertEquals(List.of(100, 100, 50), chunks.stream().map(JsonArray::size).toList());
        assertEquals("row-0", chunks.get(0).getJsonObject(0).getString("id"));
        assertEquals("row-100", chunks.get(1).getJsonObject(0).getString("id"));
        assertEquals("row-249", chunks.get(2).getJsonObject(49).getString("id"));
    }

    @Test
    void aFailedChunkReportsExactlyWhatWasAddedAndIsNotRetried() {
        secondChunkAnswers(aResponse().withStatus(503));

        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows", rows(250)));

        assertTrue(answer.isError());
        assertEquals("Clay answered with a server error (HTTP 503). Try again in a moment. 100 of 250 rows were "
                + "added (the 100 rows 0-99, ids row-0 … row-99). NOT added: the 150 rows 100-249 (ids row-100 … row-249); "
                + "send only these again.", text(answer));
        JsonObject report = (JsonObject) answer.structuredContent();
        assertEquals(100, report.getInteger("added"));
        assertEquals(100, report.getJsonArray("recordIds").size());
        assertEquals(0, report.getInteger("uncertain"));
        assertEquals(150, report.getInteger("notAdded"));
        assertEquals(100, report.getInteger("firstNotAddedRow"));
        assertEquals(2, sentChunks().size(), "the failed chunk is not re-sent and later chunks are not sent");
    }

    @Test
    void aChunkWithoutAClearAnswerIsReportedAsUncertain() {
        secondChunkAnswers(aResponse().withStatus(504));

        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows", rows(250)));

        String message = text(answer);
        assertTrue(answer.isError());
        assertTrue(message.contains("100 of 250 rows were added (the 100 rows 0-99, ids row-0 … row-99). Clay gave no "
                + "clear answer for the 100 rows 100-199 (ids row-100, row-101,"), message);
        assertTrue(message.contains("row-119 and 80 more, all in structuredContent.uncertainIds): they may or may not "
                + "have been added; check with count_rows or list_record_ids before sending them again. NOT added: "
                + "the 50 rows 200-249 (ids row-200 … row-249); send only these again."), message);
        JsonObject report = (JsonObject) answer.structuredContent();
        assertEquals(100, report.getInteger("uncertain"));
        assertEquals("row-100", report.getJsonArray("uncertainIds").getString(0));
        assertEquals("row-199", report.getJsonArray("uncertainIds").getString(99));
        assertEquals(200, report.getInteger("firstNotAddedRow"));
    }

    @Test
    void aChunkThatGotNoAnswerBecauseClayDroppedTheConnectionIsUncertain() {
        secondChunkAnswers(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));

        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows", rows(150)));

        assertTrue(answer.isError());
        assertEquals(50, ((JsonObject) answer.structuredContent()).getInteger("uncertain"), text(answer));
        assertEquals(0, ((JsonObject) answer.structuredContent()).getInteger("notAdded"));
    }

    @Test
    void duplicateIdsWithinACallAreRefusedBeforeClay() {
        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows",
                List.of(Map.of("id", "a"), Map.of("id", "b"), Map.of("id", "a"))));

        assertTrue(answer.isError());
        assertEquals("Invalid argument rows[2].id: 'a' is used by an earlier row of this call; ids must be unique. "
                + "Nothing was sent to Clay.", text(answer));
        assertNothingReachedClay();
    }

    @Test
    void emptyOrMalformedRowsAreRefusedBeforeClay() {
        for (Object rows : new Object[] { List.of(), "not a list", List.of(Map.of("id", "")),
                List.of(Map.of("id", "x", "cells", Map.of("", 1))),
                List.of(Map.of("id", "x", "cells", Map.of("k".repeat(201), 1))), List.of(Map.of("id", "x".repeat(513))) }) {
            ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows", rows));
            assertTrue(answer.isError(), String.valueOf(rows));
            assertTrue(text(answer).contains("rows"), text(answer));
        }
        assertNothingReachedClay();
    }

    @Test
    void aDuplicateIdRejectedByClayIsReportedWithClaysReason() {
        clay.stubFor(post("/v3/tables/t_abc/records")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Record with id a already exists\"}")));

        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows", List.of(Map.of("id", "a"))));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Clay refused the request (HTTP 409): Record with id a already exists."),
                text(answer));
        assertTrue(text(answer).contains("0 of 1 rows were added. NOT added: row 0 (id a); send only it again."), text(answer));
    }
}

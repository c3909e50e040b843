package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ObservedClay;
import dev.claymcp.support.Profiles;

/**
 * Every tool against a stand-in of Clay as it answers today, with CLAY_API_DIALECT=observed: the requests Clay
 * receives (method, path, cookie, body) and what the agent gets back.
 */
@QuarkusTest
@TestProfile(Profiles.Observed.class)
class ObservedDialectTest extends ClayToolTest {

    static final String COOKIE = ObservedClay.cookieHeader();

    @BeforeEach
    void standIn() {
        ObservedClay.stub(clay);
    }

    private JsonObject ok(String tool, Map<String, Object> arguments) {
        ToolResponse answer = call(client, tool, arguments);
        assertFalse(answer.isError(), text(answer));
        return structured(answer);
    }

    @Test
    void countRowsReadsTodaysCountField() {
        assertEquals(new JsonObject().put("tableId", "t_abc").put("count", 3),
                ok("count_rows", args("tableId", "t_abc")));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")).withHeader("Cookie", equalTo(COOKIE)));
    }

    @Test
    void listRecordIdsReadsResults() {
        JsonObject result = ok("list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1", "limit", 2));
        assertEquals(new JsonArray().add("r1").add("r2"), result.getJsonArray("recordIds"));
        assertEquals(3, result.getInteger("total"));
        assertEquals(2, result.getInteger("nextOffset"));
    }

    @Test
    void listSourcesAsksForTheTablesSources() {
        JsonObject result = ok("list_sources", args("tableId", "t_abc"));
        assertEquals("s_1", result.getJsonArray("sources").getJsonObject(0).getString("id"));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/sources?tableId=t_abc")).withHeader("Cookie", equalTo(COOKIE)));
        clay.verify(0, getRequestedFor(urlEqualTo("/v3/tables/t_abc/sources")));
    }

    @Test
    void addRowsTakesFieldNamesAndSendsIds() {
        JsonObject result = ok("add_rows", args("tableId", "t_abc", "rows",
                List.of(Map.of("id", "r9", "cells", Map.of("Email", "ada@example.com", "f_n", 3)))));
        assertEquals(new JsonArray().add("r9"), result.getJsonArray("recordIds"));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc")));
        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"records\":[{\"id\":\"r9\",\"cells\":{\"f_email\":\"ada@example.com\","
                        + "\"f_n\":3}}]}")));
    }

    @Test
    void runEnrichmentSendsJsonWithTheFieldIdOfAName() {
        JsonObject result = ok("run_enrichment", args("tableId", "t_abc", "viewId", "gv_v1",
                "fieldIds", List.of("Company"), "numRecords", 2));
        assertEquals(new JsonArray().add("f_company"), result.getJsonArray("fieldIds"));
        assertEquals(5, result.getJsonObject("upstream").getInteger("recordCount"));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run"))
                .withHeader("Content-Type", containing("application/json")).withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"fieldIds\":[\"f_company\"],\"runRecords\":{\"viewIdTopRecords\":"
                        + "{\"viewId\":\"gv_v1\",\"numRecords\":2}},\"callerName\":\"API\"}")));
        clay.verify(0, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run"))
                .withHeader("Content-Type", containing("form-urlencoded")));
    }

    @Test
    void aFieldThatIsNotAnEnrichmentIsNotRun() {
        ToolResponse answer = call(client, "run_enrichment", args("tableId", "t_abc", "viewId", "gv_v1",
                "fieldIds", List.of("Email"), "numRecords", 2));
        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument fieldIds: 'Email' (f_email) is not an enrichment column "
                + "of table 't_abc'"), text(answer));
        clay.verify(0, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run")));
    }

    @Test
    void anUnknownFieldNameIsRefusedWithTheTablesFieldsAndNothingIsSent() {
        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows",
                List.of(Map.of("cells", Map.of("Emial", "x")))));
        assertTrue(answer.isError());
        assertEquals("Invalid argument rows[].cells: 'Emial' is neither a field id nor the name of a field of table "
                + "'t_abc'. Its fields: Created At (f_created_at), Email (f_email), Employees (f_n), Company "
                + "(f_company). Nothing was sent to Clay.", text(answer));
        // the schema was read, then read again once (a name not in it may be new), and nothing was added
        clay.verify(2, getRequestedFor(urlEqualTo("/v3/tables/t_abc")));
        clay.verify(0, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    @Test
    void addWebhookSourceFindsTheNewSource() {
        JsonObject result = ok("add_webhook_source", args("tableId", "t_abc", "workspaceId", "42", "name", "Hook"));
        assertEquals("s_2", result.getString("sourceId"));
        assertEquals("https://api.clay.com/v3/sources/webhook/x", result.getString("webhookUrl"));
    }

    @Test
    void deleteRowSendsTheIdsInABodyWithItsLength() {
        assertEquals(new JsonObject().put("tableId", "t_abc").put("recordId", "r1").put("deleted", true),
                ok("delete_row", args("tableId", "t_abc", "recordId", "r1")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withHeader("Cookie", equalTo(COOKIE))
                .withHeader("Content-Length", matching("[1-9][0-9]*"))
                .withRequestBody(equalToJson("{\"recordIds\":[\"r1\"]}")));
        clay.verify(0, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records/r1")));
    }

    @Test
    void deleteSourceKeepsTheSourcesRows() {
        assertEquals(new JsonObject().put("tableId", "t_abc").put("sourceId", "s_1").put("deleted", true),
                ok("delete_source", args("tableId", "t_abc", "sourceId", "s_1")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/sources/s_1")).withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"deleteRecords\":false}")));
    }

    @Test
    void deleteAllRowsDeletesEveryIdOfTheFirstViewAndCountsAgain() {
        JsonObject result = ok("delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"));
        assertEquals(3, result.getInteger("rowsBefore"));
        assertEquals(3, result.getInteger("deletedRows"));
        assertEquals(3, result.getInteger("rowsAfter"), "the stand-in's count does not change");
        assertFalse(result.getBoolean("deleted"), "rows remain");
        assertTrue(result.getString("note").startsWith("3 rows remain: view gv_v1 did not show them."));
        clay.verify(getRequestedFor(urlEqualTo("/v3/tables/t_abc/views/gv_v1/records/ids")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))
                .withRequestBody(equalToJson("{\"recordIds\":[\"r1\",\"r2\",\"r3\"]}")));
        // the documented delete-all, a DELETE without a body, is never sent under CLAY_API_DIALECT=observed
        clay.verify(0, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withRequestBody(absent()));
    }

    @Test
    void getTableUnwrapsTheTable() {
        JsonObject result = ok("get_table", args("tableId", "t_abc"));
        assertEquals("Leads", result.getString("name"));
        assertEquals("42", result.getString("workspaceId"));
        assertEquals("gv_v1", result.getString("firstViewId"));
        assertEquals(new JsonObject().put("id", "f_company").put("name", "Company").put("type", "action")
                .put("enrichment", true), result.getJsonArray("fields").getJsonObject(3));
        assertEquals(2, result.getJsonArray("views").size());
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc")).withHeader("Cookie", equalTo(COOKIE)));
    }

    @Test
    void readRowsGivesNamesStatusesAndFullValuesAndLeavesDeletedRowsOut() {
        JsonObject result = ok("read_rows", args("tableId", "t_abc"));
        assertEquals("gv_v1", result.getString("viewId"));
        assertEquals(3, result.getInteger("total"));
        assertNull(result.getValue("nextOffset"));
        JsonArray rows = result.getJsonArray("rows");
        assertEquals(2, rows.size(), "r3 is deleted");
        JsonObject r1 = rows.getJsonObject(0).getJsonObject("cells");
        assertEquals(new JsonObject().put("name", "Email").put("value", "ada@example.com").putNull("status")
                .putNull("fullValue"), r1.getJsonObject("f_email"));
        assertEquals(12, r1.getJsonObject("f_n").getInteger("value"));
        assertEquals("SUCCESS", r1.getJsonObject("f_company").getString("status"));
        assertEquals("Analytical Engines Ltd", r1.getJsonObject("f_company").getJsonObject("fullValue")
                .getString("name"));
        JsonObject r2 = rows.getJsonObject(1).getJsonObject("cells");
        assertEquals("ERROR_INVALID_INPUT", r2.getJsonObject("f_company").getString("status"));
        assertFalse(r2.containsKey("f_n"), "cells are sparse");
        assertEquals("1 of the ids asked for have no row (deleted, or not in this table).", result.getString("note"));
        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/bulk-fetch-records"))
                .withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("{\"recordIds\":[\"r1\",\"r2\",\"r3\"],"
                        + "\"includeExternalContentFieldIds\":[\"f_company\"]}")));
    }

    @Test
    void readRowsNarrowsToTheFieldsAskedFor() {
        JsonObject result = ok("read_rows", args("tableId", "t_abc", "recordIds", List.of("r1"),
                "fields", List.of("Email")));
        assertEquals(new JsonObject().put("f_email", new JsonObject().put("name", "Email").put("value", "ada@example.com")
                .putNull("status").putNull("fullValue")), result.getJsonArray("rows").getJsonObject(0)
                .getJsonObject("cells"));
        clay.verify(postRequestedFor(urlEqualTo("/v3/tables/t_abc/bulk-fetch-records"))
                .withRequestBody(equalToJson("{\"recordIds\":[\"r1\"],\"includeExternalContentFieldIds\":[]}")));
    }

    @Test
    void listTablesFiltersByName() {
        JsonObject result = ok("list_tables", args("workspaceId", "42", "nameContains", "lead"));
        assertEquals(new JsonObject().put("workspaceId", "42").put("total", 1).put("tables", new JsonArray()
                .add(new JsonObject().put("id", "t_abc").put("name", "Leads").put("workbookId", "wb_1")))
                .putNull("note"), result);
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/workspaces/42/tables")).withHeader("Cookie", equalTo(COOKIE)));
    }

    @Test
    void enrichmentStatusCountsEachEnrichmentByStatus() {
        JsonObject result = ok("enrichment_status", args("tableId", "t_abc"));
        assertTrue(result.getBoolean("done"));
        assertEquals(new JsonArray().add(new JsonObject().put("fieldId", "f_company").put("name", "Company")
                .put("counts", new JsonObject().put("SUCCESS", 2).put("ERROR_INVALID_INPUT", 1)).put("done", true)),
                result.getJsonArray("fields"));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/workspaces/42/tables/t_abc/fields/runstatus"))
                .withHeader("Cookie", equalTo(COOKIE)));
    }

    /** With waitSeconds the call asks again until nothing is left to run, and says how far it got meanwhile. */
    @Test
    void enrichmentStatusWaitsForTheRunsWithProgress() {
        String route = "/v3/workspaces/42/tables/t_abc/fields/runstatus";
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(route).inScenario("run")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"statusCountsByField\":"
                        + "{\"f_company\":[{\"status\":\"QUEUED\",\"count\":1},{\"status\":\"SUCCESS\",\"count\":1}]}}"))
                .willSetStateTo("done"));
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(route).inScenario("run")
                .whenScenarioStateIs("done")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"statusCountsByField\":"
                        + "{\"f_company\":[{\"status\":\"SUCCESS\",\"count\":2}]}}")));

        java.util.concurrent.atomic.AtomicReference<JsonObject> result = new java.util.concurrent.atomic.AtomicReference<>();
        client.when().toolsCall("enrichment_status").withArguments(args("tableId", "t_abc", "waitSeconds", 30))
                .withMetadata(Map.of("progressToken", "run-1"))
                .withAssert(r -> result.set(structured(r))).send().thenAssertResults();

        assertTrue(result.get().getBoolean("done"));
        assertEquals(new JsonObject().put("SUCCESS", 2), result.get().getJsonArray("fields").getJsonObject(0)
                .getJsonObject("counts"));
        clay.verify(2, getRequestedFor(urlEqualTo(route)));
        JsonObject progress = client.waitForNotifications(1).notifications().stream()
                .filter(n -> "notifications/progress".equals(n.getString("method"))).findFirst().orElseThrow()
                .getJsonObject("params");
        assertEquals("run-1", progress.getString("progressToken"));
        assertEquals(1, progress.getInteger("progress"));
        assertEquals(2, progress.getInteger("total"));
    }

    /** A client that cancels a wait gets what was last seen, and no further request goes to Clay. */
    @Test
    void cancellingAWaitForRunsEndsIt() {
        String route = "/v3/workspaces/42/tables/t_abc/fields/runstatus";
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(route).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"statusCountsByField\":{\"f_company\":"
                        + "[{\"status\":\"RUNNING\",\"count\":3}]}}")));
        JsonObject request = client.newRequest("tools/call").put("params", new JsonObject()
                .put("name", "enrichment_status").put("arguments", new JsonObject().put("tableId", "t_abc")
                        .put("waitSeconds", 45)));
        client.sendAndForget(request);
        dev.claymcp.support.Conditions.await(java.time.Duration.ofSeconds(30), "the first look at the runs",
                () -> !clay.findAll(getRequestedFor(urlEqualTo(route))).isEmpty());
        client.sendAndForget(client.newMessage("notifications/cancelled").put("params", new JsonObject()
                .put("requestId", request.getValue("id"))));
        JsonObject result = client.waitForResponse(request).getJsonObject("result");

        assertFalse(result.getJsonObject("structuredContent").getBoolean("done"));
        // it answered with what it saw when the cancel came, not after the 45 s it was given
        int waited = result.getJsonObject("structuredContent").getInteger("waitedSeconds");
        assertTrue(waited < 40, "waited " + waited + " s");
    }

    /** A route that is missing is never blamed on the caller's id. */
    @Test
    void aMissingRouteSaysSoAndWhatToTry() {
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v3/tables/t_abc/count")
                .willReturn(ObservedClay.noMatchingUrl()));
        ToolResponse answer = call(client, "count_rows", args("tableId", "t_abc"));
        assertTrue(answer.isError());
        assertEquals("This Clay API has no route for counting a table's rows (HTTP 404 NoMatchingURL), so nothing was "
                + "done; the ids you gave are not the problem. This server sends the requests today's Clay is seen to "
                + "take (CLAY_API_DIALECT=observed): if this Clay follows the documented contract, set "
                + "CLAY_API_DIALECT=auto (or documented); otherwise Clay's internal API has changed again.", text(answer));
    }
}

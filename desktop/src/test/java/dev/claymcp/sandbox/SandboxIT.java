package dev.claymcp.sandbox;

import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.StdioSession;
import dev.claymcp.support.StdioSession.Answer;

/**
 * The packaged server in sandbox mode over stdio, as someone trying it without an account runs it: every tool works
 * on the in-memory Clay (with Clay itself unreachable and no cookie, so nothing could leak out), the server says it is
 * a sandbox, and the sandbox is bounded (CLAY_SANDBOX_MAX_ROWS is 50 here).
 */
class SandboxIT {

    static StdioSession session;

    @BeforeAll
    static void start() {
        session = StdioSession.start(Map.of("CLAY_SANDBOX", "true", "CLAY_SANDBOX_MAX_ROWS", "50",
                "CLAY_API_URL", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static Answer call(String tool, Map<String, Object> arguments) {
        return session.call(tool, arguments);
    }

    private static JsonObject ok(String tool, Map<String, Object> arguments) {
        Answer answer = call(tool, arguments);
        assertFalse(answer.isError(), answer.text());
        return answer.structured();
    }

    @Test
    void theServerSaysItIsASandbox() {
        JsonObject init = session.initResult();
        assertTrue(init.getJsonObject("serverInfo").getString("title").contains("SANDBOX"), init.encode());
        assertTrue(init.getString("instructions").startsWith("SANDBOX MODE"), init.encode());
        assertTrue(session.server().stderr().contains("SANDBOX MODE (CLAY_SANDBOX=true)"));
    }

    @Test
    void rowsAddedAreCountedListedInOrderAndDeleted() {
        JsonObject added = ok("add_rows", args("tableId", "t_rows", "rows",
                List.of(Map.of("id", "b"), Map.of("id", "a", "cells", Map.of("f_x", 1)), Map.of())));
        assertEquals(3, added.getInteger("added"));
        String generated = added.getJsonArray("recordIds").getString(2);

        assertEquals(3, ok("count_rows", args("tableId", "t_rows")).getInteger("count"));
        JsonObject page = ok("list_record_ids", args("tableId", "t_rows", "viewId", "gv_any", "limit", 2));
        assertEquals(new JsonArray().add("b").add("a"), page.getJsonArray("recordIds"));
        assertEquals(2, page.getInteger("nextOffset"));
        JsonObject rest = ok("list_record_ids", args("tableId", "t_rows", "viewId", "gv_other", "offset", 2));
        assertEquals(new JsonArray().add(generated), rest.getJsonArray("recordIds"));

        ok("delete_row", args("tableId", "t_rows", "recordId", "a"));
        assertEquals(2, ok("count_rows", args("tableId", "t_rows")).getInteger("count"));
        Answer gone = call("delete_row", args("tableId", "t_rows", "recordId", "a"));
        assertTrue(gone.isError());
        assertTrue(gone.text().startsWith("Clay found no record 'a' in table 't_rows' (HTTP 404)."), gone.text());

        assertEquals(2, ok("delete_all_rows", args("tableId", "t_rows", "confirm", "t_rows")).getLong("rowsBefore"));
        assertEquals(0, ok("count_rows", args("tableId", "t_rows")).getInteger("count"));
    }

    @Test
    void aDuplicateIdIsRefusedAndNothingOfThatCallIsAdded() {
        ok("add_rows", args("tableId", "t_dup", "rows", List.of(Map.of("id", "x"))));

        Answer answer = call("add_rows", args("tableId", "t_dup", "rows", List.of(Map.of("id", "y"), Map.of("id", "x"))));

        assertTrue(answer.isError());
        assertTrue(answer.text().startsWith("Clay refused the request (HTTP 409): a record with id 'x' already exists "
                + "in this table."), answer.text());
        assertTrue(answer.text().contains("0 of 2 rows were added. NOT added: the 2 rows 0-1 (ids y, x); send only "
                + "these again."), answer.text());
        assertEquals(1, ok("count_rows", args("tableId", "t_dup")).getInteger("count"));
    }

    @Test
    void webhookSourcesAreAddedListedAndDeleted() {
        JsonObject added = ok("add_webhook_source", args("tableId", "t_src", "workspaceId", "1", "name", "From Zapier"));
        String sourceId = added.getString("sourceId");
        assertNotNull(sourceId);
        assertTrue(sourceId.startsWith("s_"), sourceId);
        assertTrue(added.getString("webhookUrl").startsWith("https://sandbox.clay.invalid/"), added.encode());

        JsonArray sources = ok("list_sources", args("tableId", "t_src")).getJsonArray("sources");
        assertEquals(1, sources.size());
        assertEquals("From Zapier", sources.getJsonObject(0).getString("name"));

        ok("delete_source", args("tableId", "t_src", "sourceId", sourceId));
        Answer again = call("delete_source", args("tableId", "t_src", "sourceId", sourceId));
        assertTrue(again.isError());
        assertTrue(again.text().startsWith("Clay found no source '" + sourceId + "' in table 't_src' (HTTP 404)."));
    }

    /** The README's quick start: add rows, read the schema, run the enrichment, wait for it, read the results. */
    @Test
    @SuppressWarnings("unchecked")
    void theWholeLoopWorksWithNoAccount() {
        ok("add_rows", args("tableId", "t_demo", "rows", List.of(
                Map.of("id", "lead-1", "cells", Map.of("f_name", "Ada", "f_domain", "example.com")),
                Map.of("id", "lead-2", "cells", Map.of("f_name", "Grace")))));
        // once the table has a field, its name works where its id does
        ok("add_rows", args("tableId", "t_demo", "rows", List.of(Map.of("id", "lead-3", "cells", Map.of("name", "Alan")))));

        JsonObject table = ok("get_table", args("tableId", "t_demo"));
        assertEquals(java.util.Set.of(new JsonObject().put("id", "f_name").put("name", "name").put("type", "text")
                .put("enrichment", false), new JsonObject().put("id", "f_domain").put("name", "domain")
                        .put("type", "text").put("enrichment", false),
                new JsonObject().put("id", "f_sandbox_enrichment").put("name", "Sandbox enrichment")
                        .put("type", "action").put("enrichment", true)),
                new java.util.HashSet<>(table.getJsonArray("fields").getList().stream()
                        .map(f -> new JsonObject((Map<String, Object>) f)).toList()));
        String view = table.getString("firstViewId");

        JsonObject run = ok("run_enrichment", args("tableId", "t_demo", "viewId", view,
                "fieldIds", List.of("Sandbox enrichment"), "numRecords", 2));
        assertEquals(new JsonArray().add("f_sandbox_enrichment"), run.getJsonArray("fieldIds"));
        assertEquals(2, run.getJsonObject("upstream").getInteger("recordCount"));

        JsonObject status = ok("enrichment_status", args("tableId", "t_demo", "waitSeconds", 20));
        assertTrue(status.getBoolean("done"), status.encode());
        assertEquals(new JsonObject().put("SUCCESS", 2), status.getJsonArray("fields").getJsonObject(0)
                .getJsonObject("counts"));

        JsonArray rows = ok("read_rows", args("tableId", "t_demo")).getJsonArray("rows");
        assertEquals(3, rows.size());
        JsonObject enriched = rows.getJsonObject(0).getJsonObject("cells").getJsonObject("f_sandbox_enrichment");
        assertEquals("SUCCESS", enriched.getString("status"));
        assertEquals("lead-1", enriched.getJsonObject("fullValue").getString("recordId"));
        assertEquals("Ada", rows.getJsonObject(0).getJsonObject("cells").getJsonObject("f_name").getString("value"));
        assertEquals("Alan", rows.getJsonObject(2).getJsonObject("cells").getJsonObject("f_name").getString("value"));
        assertFalse(rows.getJsonObject(2).getJsonObject("cells").containsKey("f_sandbox_enrichment"), "not run");
        assertEquals(1, ok("list_tables", args("workspaceId", "0", "nameContains", "t_demo")).getInteger("total"));
    }

    @Test
    void cellsMayHoldAnyJsonAndOnlyTheEnrichmentRuns() {
        Map<String, Object> cells = new HashMap<>();
        cells.put("f_cleared", null);
        cells.put("f_nested", Map.of("a", List.of(1, 2)));
        ok("add_rows", args("tableId", "t_run", "rows", List.of(Map.of("cells", cells), Map.of(), Map.of())));

        JsonObject row = ok("read_rows", args("tableId", "t_run", "limit", 1)).getJsonArray("rows").getJsonObject(0);
        assertEquals(new JsonObject().put("a", new JsonArray().add(1).add(2)),
                row.getJsonObject("cells").getJsonObject("f_nested").getJsonObject("value"));
        assertFalse(row.getJsonObject("cells").containsKey("f_cleared"), "an empty cell is absent, as in Clay");
        Answer notAnEnrichment = call("run_enrichment", args("tableId", "t_run", "viewId", "gv_1",
                "fieldIds", List.of("f_nested"), "numRecords", 1));
        assertTrue(notAnEnrichment.isError());
        assertTrue(call("count_rows", args("tableId", "../t")).text().startsWith("Invalid argument tableId"),
                "validation applies in the sandbox too");
    }

    @Test
    void theSandboxIsBoundedAndSaysSo() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(Map.of("id", "cap-" + i));
        }

        Answer answer = call("add_rows", args("tableId", "t_cap", "rows", rows));

        assertTrue(answer.isError());
        assertTrue(answer.text().startsWith("The sandbox is full: it holds at most 50 rows (CLAY_SANDBOX_MAX_ROWS)"),
                answer.text());
        assertEquals(0, ok("count_rows", args("tableId", "t_cap")).getInteger("count"));
    }
}

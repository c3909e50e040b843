package dev.claymcp.sandbox;

import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * CLAY_SANDBOX=true: every tool works against the in-memory Clay, with no cookie, while CLAY_API_URL points at a
 * closed port (so a single call out would fail).
 */
@QuarkusTest
@TestProfile(Profiles.Sandbox.class)
class SandboxToolsTest extends ClayToolTest {

    @Test
    void theServerSaysItIsASandbox() {
        var init = client.initResult();
        assertTrue(init.serverTitle().contains("SANDBOX"), init.serverTitle());
        assertTrue(init.instructions().startsWith("SANDBOX MODE"), init.instructions());
    }

    @Test
    void rowsAddedAreCountedListedInOrderAndDeleted() {
        var added = structured(call(client, "add_rows", args("tableId", "t_rows", "rows",
                List.of(Map.of("id", "b"), Map.of("id", "a", "cells", Map.of("f_x", 1)), Map.of()))));
        assertEquals(3, added.getInteger("added"));
        String generated = added.getJsonArray("recordIds").getString(2);

        assertEquals(3, structured(call(client, "count_rows", args("tableId", "t_rows"))).getInteger("count"));
        var page = structured(call(client, "list_record_ids", args("tableId", "t_rows", "viewId", "gv_any", "limit", 2)));
        assertEquals(new JsonArray().add("b").add("a"), page.getJsonArray("recordIds"));
        assertEquals(2, page.getInteger("nextOffset"));
        var rest = structured(call(client, "list_record_ids", args("tableId", "t_rows", "viewId", "gv_other", "offset", 2)));
        assertEquals(new JsonArray().add(generated), rest.getJsonArray("recordIds"));

        assertFalse(call(client, "delete_row", args("tableId", "t_rows", "recordId", "a")).isError());
        assertEquals(2, structured(call(client, "count_rows", args("tableId", "t_rows"))).getInteger("count"));
        var gone = call(client, "delete_row", args("tableId", "t_rows", "recordId", "a"));
        assertTrue(gone.isError());
        assertTrue(text(gone).startsWith("Clay found no record 'a' in table 't_rows' (HTTP 404)."), text(gone));

        var all = structured(call(client, "delete_all_rows", args("tableId", "t_rows", "confirm", "t_rows")));
        assertEquals(2, all.getLong("rowsBefore"));
        assertEquals(0, structured(call(client, "count_rows", args("tableId", "t_rows"))).getInteger("count"));
    }

    @Test
    void aDuplicateIdIsRefusedAndNothingOfThatCallIsAdded() {
        call(client, "add_rows", args("tableId", "t_dup", "rows", List.of(Map.of("id", "x"))));

        var answer = call(client, "add_rows", args("tableId", "t_dup", "rows", List.of(Map.of("id", "y"), Map.of("id", "x"))));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Clay refused the request (HTTP 409): a record with id 'x' already exists "
                + "in this table."), text(answer));
        assertTrue(text(answer).contains("0 of 2 rows were added. NOT added: the 2 rows 0-1 (ids y, x); send only these again."), text(answer));
        assertEquals(1, structured(call(client, "count_rows", args("tableId", "t_dup"))).getInteger("count"));
    }

    @Test
    void webhookSourcesAreAddedListedAndDeleted() {
        var added = structured(call(client, "add_webhook_source",
                args("tableId", "t_src", "workspaceId", "1", "name", "From Zapier")));
        String sourceId = added.getString("sourceId");
        assertNotNull(sourceId);
        assertTrue(sourceId.startsWith("s_"), sourceId);
        assertTrue(added.getString("webhookUrl").startsWith("https://sandbox.clay.invalid/"), added.getString("webhookUrl"));

        JsonArray sources = structured(call(client, "list_sources", args("tableId", "t_src"))).getJsonArray("sources");
        assertEquals(1, sources.size());
        assertEquals("From Zapier", sources.getJsonObject(0).getString("name"));

        assertFalse(call(client, "delete_source", args("tableId", "t_src", "sourceId", sourceId)).isError());
        var again = call(client, "delete_source", args("tableId", "t_src", "sourceId", sourceId));
        assertTrue(again.isError());
        assertTrue(text(again).startsWith("Clay found no source '" + sourceId + "' in table 't_src' (HTTP 404)."));
        assertEquals(0, structured(call(client, "list_sources", args("tableId", "t_src"))).getJsonArray("sources").size());
    }

    @Test
    void anEnrichmentRunIsAcceptedAndSaysHowManyRowsItWouldRun() {
        call(client, "add_rows", args("tableId", "t_run", "rows", List.of(Map.of(), Map.of(), Map.of())));

        JsonObject some = structured(call(client, "run_enrichment",
                args("tableId", "t_run", "viewId", "gv_1", "fieldIds", List.of("f_a"), "numRecords", 2)));
        JsonObject all = structured(call(client, "run_enrichment",
                args("tableId", "t_run", "viewId", "gv_1", "fieldIds", List.of("f_a"), "allRecords", true)));

        assertTrue(some.getBoolean("accepted"));
        assertEquals(2, some.getJsonObject("upstream").getInteger("recordsToRun"));
        assertEquals(3, all.getJsonObject("upstream").getInteger("recordsToRun"));
    }

    @Test
    void cellsMayHoldAnyJsonValueIncludingNull() {
        java.util.Map<String, Object> cells = new java.util.HashMap<>();
        cells.put("f_cleared", null);
        cells.put("f_nested", Map.of("a", List.of(1, 2)));
        var answer = call(client, "add_rows", args("tableId", "t_cells", "rows", List.of(Map.of("id", "c1", "cells", cells))));

        assertFalse(answer.isError(), text(answer));
        assertEquals(1, structured(answer).getInteger("added"));
    }

    @Test
    void validationStillAppliesInTheSandbox() {
        var answer = call(client, "count_rows", args("tableId", "../t"));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument tableId"));
    }

    /** CLAY_SANDBOX_MAX_ROWS is 50 here: the sandbox refuses what would take it over, and keeps what it has. */
    @Test
    void theSandboxIsBoundedAndSaysSo() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(Map.of("id", "cap-" + i));
        }
        call(client, "delete_all_rows", args("tableId", "t_cap", "confirm", "t_cap"));

        var answer = call(client, "add_rows", args("tableId", "t_cap", "rows", rows));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("The sandbox is full: it holds at most 50 rows (CLAY_SANDBOX_MAX_ROWS)"),
                text(answer));
        assertTrue(structured(call(client, "count_rows", args("tableId", "t_cap"))).getInteger("count") < 50);
    }
}

package dev.claymcp.clay;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One table of a workspace. */
public record TableSummary(String id, String name, String workbookId) {

    /** The tables of an answer ({@code {"results":[…]}}, {@code {"tables":[…]}} or a bare array). */
    static List<TableSummary> parseAll(JsonNode answer) {
        JsonNode list = answer == null ? null : answer.isArray() ? answer
                : answer.has("results") ? answer.get("results") : answer.get("tables");
        if (list == null || !list.isArray()) {
            throw ClayFailures.unexpectedAnswer(200, "a list of tables (results, tables or a bare array)");
        }
        List<TableSummary> tables = new ArrayList<>();
        for (JsonNode t : list) {
            String id = ClayTable.text(t, "id");
            if (id != null) {
                tables.add(new TableSummary(id, ClayTable.text(t, "name"), ClayTable.text(t, "workbookId")));
            }
        }
        return tables;
    }
}

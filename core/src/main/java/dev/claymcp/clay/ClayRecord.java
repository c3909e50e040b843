package dev.claymcp.clay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A row as Clay's bulk fetch answers it: sparse cells (an empty cell is absent) keyed by field id, each with its value,
 * the status of an enrichment cell, and the full value Clay keeps apart for some enrichments (their {@code value} is
 * then only a preview).
 */
public record ClayRecord(String id, Map<String, Cell> cells, String createdAt, String updatedAt) {

    public record Cell(JsonNode value, String status, JsonNode fullValue) {
    }

    /**
     * The rows of an answer ({@code {"results":[…]}}, {@code {"records":[…]}} or a bare array), leaving out deleted
     * ones ({@code deletedBy} set) and anything without an id.
     */
    static List<ClayRecord> parseAll(JsonNode answer) {
        JsonNode list = answer == null ? null : answer.isArray() ? answer
                : answer.has("results") ? answer.get("results") : answer.get("records");
        if (list == null || !list.isArray()) {
            throw ClayFailures.unexpectedAnswer(200, "a list of records (results, records or a bare array)");
        }
        List<ClayRecord> records = new ArrayList<>();
        for (JsonNode r : list) {
            String id = ClayTable.text(r, "id");
            JsonNode deletedBy = r.get("deletedBy");
            if (id == null || deletedBy != null && !deletedBy.isNull()) {
                continue;
            }
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("cells").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> cell = it.next();
                JsonNode c = cell.getValue();
                if (c.isObject() && (c.has("value") || c.has("metadata") || c.has("externalContent"))) {
                    JsonNode full = c.path("externalContent").get("fullValue");
                    cells.put(cell.getKey(), new Cell(c.get("value"), ClayTable.text(c.path("metadata"), "status"),
                            full == null || full.isNull() ? null : full));
                } else {
                    cells.put(cell.getKey(), new Cell(c, null, null)); // a plain value
                }
            }
            records.add(new ClayRecord(id, cells, ClayTable.text(r, "createdAt"), ClayTable.text(r, "updatedAt")));
        }
        return records;
    }
}

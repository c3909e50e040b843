package dev.claymcp.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayRecord;
import dev.claymcp.clay.ClayTable;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class ReadRowsTool {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;
    /** A longer value is cut, with a marker saying how long it was. */
    static final int MAX_VALUE_CHARS = 2000;
    /** What one row gets per value when even it alone would not fit the answer. */
    static final int MIN_VALUE_CHARS = 200;
    /** About this much JSON text of rows per answer; nextOffset continues where it stopped. */
    static final int MAX_ANSWER_CHARS = 100_000;

    private final ClayTables clay;
    private final TableSchemas schemas;
    private final ObjectMapper json;

    public ReadRowsTool(ClayTables clay, TableSchemas schemas, ObjectMapper json) {
        this.clay = clay;
        this.schemas = schemas;
        this.json = json;
    }

    /** One cell: its field's name, its value, and for an enrichment its status and the full value Clay keeps. */
    public record Cell(String name, JsonNode value, @Nullable String status, @Nullable JsonNode fullValue) {
    }

    /** A row: its record id and its non-empty cells by field id. */
    public record Row(String id, Map<String, Cell> cells) {
    }

    public record Result(String tableId, @Nullable String viewId, int total, int offset, int limit, List<Row> rows,
            @Nullable Integer nextOffset, @Nullable String note) {
    }

    @Tool(name = "read_rows", title = "Read rows",
            description = """
                    Rows with values: cells by field id, with names; enrichment cells add status, fullValue. Of viewId \
                    (default: first) or recordIds; while nextOffset is not null, call again with offset=nextOffset. \
                    fields picks columns. Free.""",
            annotations = @Annotations(title = "Read rows", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result readRows(String tableId,
            @ToolArg(required = false) String viewId,
            @ToolArg(required = false) List<String> recordIds,
            @ToolArg(required = false) Number offset,
            @ToolArg(required = false) Number limit,
            @ToolArg(required = false) List<String> fields,
            Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        if (viewId != null && recordIds != null) {
            throw new ToolCallException("Invalid arguments: give viewId or recordIds, not both. Nothing was sent to "
                    + "Clay.");
        }
        String view = viewId == null ? null : ToolArgs.viewId(viewId);
        List<String> asked = recordIds == null ? null : ToolArgs.recordIds("recordIds", recordIds, MAX_LIMIT);
        int first = (int) ToolArgs.wholeNumber("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = (int) ToolArgs.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<String> wanted = ToolArgs.fields("fields", fields, false);

        ClayTable schema = schemas.get(table);
        Set<String> only = wanted.isEmpty() ? null : new HashSet<>(schemas.resolve(table, wanted, "fields").values());
        if (asked == null && view == null) {
            view = schema.firstViewId();
            if (view == null) {
                throw new ToolCallException("Table '" + table + "' has no view to read rows from: pass recordIds "
                        + "(list_record_ids gives them) or a viewId. Nothing else was asked of Clay.");
            }
        }
        List<String> ids = asked != null ? asked : clay.recordIds(table, view);
        int from = Math.min(first, ids.size());
        List<String> page = ids.subList(from, (int) Math.min((long) from + size, ids.size()));
        List<String> enrichments = schema.fields().stream().filter(ClayTable.Field::enrichment).map(ClayTable.Field::id)
                .filter(id -> only == null || only.contains(id)).toList();
        Map<String, ClayRecord> found = new HashMap<>();
        if (!page.isEmpty()) {
            clay.records(table, page, enrichments).forEach(r -> found.put(r.id(), r));
        }

        List<Row> rows = new ArrayList<>();
        int used = 0;
        int consumed = 0;
        boolean full = false;
        for (String id : page) {
            ClayRecord record = found.get(id);
            if (record != null) {
                Row row = row(record, schema, only, MAX_VALUE_CHARS);
                int length = length(row);
                if (used + length > MAX_ANSWER_CHARS && !rows.isEmpty()) {
                    full = true;
                    break;
                }
                if (length > MAX_ANSWER_CHARS) {
                    row = row(record, schema, only, MIN_VALUE_CHARS);
                    length = length(row);
                }
                rows.add(row);
                used += length;
            }
            consumed++; // a deleted or unknown id is passed over: Clay has no row for it
        }
        int next = from + consumed;
        String note = null;
        if (full) {
            note = "Stopped after " + rows.size() + " rows to keep this answer readable (about " + MAX_ANSWER_CHARS / 1000
                    + " KB); call again with offset=" + next + " for the rest.";
        } else if (rows.size() < page.size()) {
            note = (page.size() - rows.size()) + " of the ids asked for have no row (deleted, or not in this table).";
        }
        return new Result(table, asked == null ? view : null, ids.size(), first, size, rows,
                next < ids.size() ? next : null, note);
    }

    private static Row row(ClayRecord record, ClayTable schema, Set<String> only, int maxChars) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        record.cells().forEach((fieldId, cell) -> {
            if (only == null || only.contains(fieldId)) {
                ClayTable.Field field = schema.field(fieldId);
                cells.put(fieldId, new Cell(field == null ? fieldId : field.name(), cut(cell.value(), maxChars),
                        cell.status(), cut(cell.fullValue(), maxChars)));
            }
        });
        return new Row(record.id(), cells);
    }

    /**
     * A value of at most {@code max} characters: a longer text is cut and marked with its length; a longer object or
     * array becomes the start of its JSON text, marked the same way.
     */
    static JsonNode cut(JsonNode value, int max) {
        if (value == null || value.isNull()) {
            return value;
        }
        String text = value.isTextual() ? value.textValue() : value.isContainerNode() ? value.toString() : null;
        if (text == null || text.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return TextNode.valueOf(text.substring(0, end) + "… [cut: " + (value.isTextual() ? "" : "JSON of ")
                + text.length() + " characters in all]");
    }

    private int length(Row row) {
        try {
            return json.writeValueAsString(row).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row is JSON", e);
        }
    }
}

package dev.claymcp.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;

import dev.claymcp.clay.ClayCall;
import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.NewRecord;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.AuditLog;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class AddRowsTool {

    private final ClayTables clay;
    private final ClayConfig.AddRows limits;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final TableSchemas schemas;

    public AddRowsTool(ClayTables clay, ClayConfig config, ObjectMapper json, AuditLog audit, TableSchemas schemas) {
        this.clay = clay;
        this.limits = config.addRows();
        this.json = json;
        this.audit = audit;
        this.schemas = schemas;
    }

    /** What a successful call added: the output schema (a report of a call that stopped part-way has more fields). */
    public record Added(String tableId, int added, List<String> recordIds) {
    }

    @Tool(name = "add_rows", title = "Add rows",
            description = """
                    Adds rows {id?, cells?}: cells maps field ids or names (get_table) to values; id is generated if \
                    omitted. If a chunk fails, the error says which rows were added, may have been, or not: re-send only \
                    those. Auto-run enrichments spend credits.""",
            annotations = @Annotations(title = "Add rows", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true, outputSchema = @Tool.OutputSchema(from = Added.class))
    ToolResponse addRows(String tableId,
            List<Map<String, Object>> rows,
            Progress progress, Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        List<NewRecord> records = byFieldId(table, checked(rows));
        try {
            clay.checkSendable(); // before any audit line says rows are leaving
        } catch (ClayException e) {
            return partial(table, records, 0, 0, false, e.getMessage());
        }
        int chunkSize = Math.max(1, limits.chunkSize());
        int added = 0;
        for (int from = 0; from < records.size(); from += chunkSize) {
            List<NewRecord> chunk = records.subList(from, Math.min(from + chunkSize, records.size()));
            Optional<String> stop = ClayCall.current().stopReason();
            if (stop.isPresent()) {
                return partial(table, records, added, 0, false, "Stopped: " + stop.get() + ".");
            }
            audit.sending("add_rows", Map.of("tableId", table, "rows", from + "-" + (from + chunk.size() - 1),
                    "firstId", chunk.get(0).id(), "lastId", chunk.get(chunk.size() - 1).id()));
            try {
                clay.addRecords(table, chunk);
            } catch (ClayException e) {
                return partial(table, records, added, e.outcomeUnknown() ? chunk.size() : 0,
                        e.delivery() != ClayException.Delivery.NOT_SENT, e.getMessage());
            }
            added += chunk.size();
            if (progress != null && progress.token().isPresent()) {
                progress.notificationBuilder()
                        .setProgress(added)
                        .setTotal(records.size())
                        .setMessage("Added " + added + " of " + records.size() + " rows")
                        .build()
                        .sendAndForget();
            }
        }
        return answer(false, AddRowsReport.complete(table, ids(records, 0, added)), null);
    }

    /**
     * The isError answer of a call that stopped part-way: rows [0, added) added, the next {@code uncertain} unknown.
     *
     * @param failedReachedClay whether the request that failed reached Clay (which then refused it or gave no answer)
     */
    private ToolResponse partial(String table, List<NewRecord> records, int added, int uncertain,
            boolean failedReachedClay, String why) {
        AddRowsReport.Partial report = AddRowsReport.partial(table, ids(records, 0, records.size()), added, uncertain,
                failedReachedClay, limits.maxReportedIds(), why);
        return answer(true, report.result(), report.text());
    }

    private ToolResponse answer(boolean isError, AddRowsReport.Result result, String message) {
        return ReportAnswer.of(json, isError, result, message);
    }

    private static List<String> ids(List<NewRecord> records, int from, int to) {
        return records.subList(from, to).stream().map(NewRecord::id).toList();
    }

    private List<NewRecord> checked(List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw ToolArgs.invalid("rows", "a non-empty list of rows like [{\"id\": \"lead-1\", \"cells\": "
                    + "{\"f_0t1yWmQp4yDn\": \"Ada\"}}]", rows);
        }
        if (rows.size() > limits.maxRows()) {
            throw new ToolCallException("Invalid argument rows: at most " + limits.maxRows() + " rows per call "
                    + "(CLAY_ADD_ROWS_MAX_ROWS); got " + rows.size() + ". Split the rows over several calls. Nothing "
                    + "was sent to Clay.");
        }
        List<NewRecord> records = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            NewRecord record = row("rows[" + i + "]", rows.get(i));
            if (!seen.add(record.id())) {
                throw new ToolCallException("Invalid argument rows[" + i + "].id: '" + record.id() + "' is used by an "
                        + "earlier row of this call; ids must be unique. Nothing was sent to Clay.");
            }
            records.add(record);
        }
        int size = jsonSize(records);
        if (size > limits.maxRequestBytes()) {
            throw new ToolCallException("Invalid argument rows: the rows take " + size + " bytes as JSON, over the "
                    + "limit of " + limits.maxRequestBytes() + " bytes (CLAY_ADD_ROWS_MAX_REQUEST_BYTES). Split them "
                    + "over several calls. Nothing was sent to Clay.");
        }
        return records;
    }

    /** One row: an optional id (generated when absent) and cells keyed by field id, and nothing else. */
    private static NewRecord row(String argument, Map<String, Object> row) {
        if (row == null) {
            throw ToolArgs.invalid(argument, "an object {id?, cells?}", null);
        }
        for (String key : row.keySet()) {
            if (!key.equals("id") && !key.equals("cells")) {
                throw ToolArgs.invalid(argument, "an object with only the keys id and cells", "key " + key);
            }
        }
        Object id = row.get("id");
        if (id != null && !(id instanceof String)) {
            throw ToolArgs.invalid(argument + ".id", "a string", id);
        }
        Object cells = row.get("cells");
        if (cells != null && !(cells instanceof Map)) {
            throw ToolArgs.invalid(argument + ".cells", "an object mapping field ids to values", cells);
        }
        String recordId = id == null ? UUID.randomUUID().toString() : ToolArgs.recordId(argument + ".id", (String) id);
        Map<String, Object> checked = new LinkedHashMap<>();
        if (cells != null) {
            for (Map.Entry<?, ?> cell : ((Map<?, ?>) cells).entrySet()) {
                String field = ToolArgs.field(argument + ".cells", String.valueOf(cell.getKey()));
                ToolArgs.wellFormedValue(argument + ".cells." + field, cell.getValue());
                checked.put(field, cell.getValue());
            }
        }
        return new NewRecord(recordId, checked);
    }

    /**
     * The rows with every cell keyed by field id: keys that are names are looked up in the table's schema (no request
     * when every key is an id already). Two keys of one row that name the same field are refused.
     */
    private List<NewRecord> byFieldId(String table, List<NewRecord> records) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        records.forEach(r -> keys.addAll(r.cells().keySet()));
        if (keys.stream().allMatch(TableSchemas::isFieldId)) {
            return records;
        }
        Map<String, String> ids = schemas.resolve(table, keys, "rows[].cells");
        List<NewRecord> resolved = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> cells = new LinkedHashMap<>();
            for (Map.Entry<String, Object> cell : records.get(i).cells().entrySet()) {
                String id = ids.get(cell.getKey());
                if (cells.containsKey(id)) {
                    throw new ToolCallException("Invalid argument rows[" + i + "].cells: '" + cell.getKey() + "' and "
                            + "another key of the row are the same field (" + id + "). Nothing was sent to Clay.");
                }
                cells.put(id, cell.getValue());
            }
            resolved.add(new NewRecord(records.get(i).id(), cells));
        }
        return resolved;
    }

    private int jsonSize(List<NewRecord> records) {
        try {
            return json.writeValueAsString(records).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new ToolCallException("Invalid argument rows: a cell value cannot be written as JSON.");
        }
    }
}

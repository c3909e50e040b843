package dev.claymcp.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.NewRecord;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
public class AddRowsTool {

    private final ClayTables clay;
    private final ClayConfig.AddRows limits;
    private final ObjectMapper json;

    public AddRowsTool(ClayTables clay, ClayConfig config, ObjectMapper json) {
        this.clay = clay;
        this.limits = config.addRows();
        this.json = json;
    }

    /** One row to add: an optional id (generated when absent) and cells keyed by field id. */
    public record Row(String id, Map<String, Object> cells) {
    }

    public record Result(String tableId, int added, List<String> recordIds) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            return Map.of("added", added);
        }
    }

    /** A call that stopped part-way: says exactly which ids made it and which did not. */
    static final class PartialFailure extends ToolCallException implements Audited {
        private static final long serialVersionUID = 1L;
        private final int added;
        private final int notAdded;

        PartialFailure(String message, int added, int notAdded) {
            super(message);
            this.added = added;
            this.notAdded = notAdded;
        }

        @Override
        public Map<String, Object> auditFields() {
            return Map.of("added", added, "notAdded", notAdded);
        }
    }

    @Tool(name = "add_rows", title = "Add rows to a Clay table",
            description = """
                    Adds rows to a Clay table. Each row is {id?, cells?}: id is your unique row id (any string up \
                    to 512 characters; one is generated when omitted) and cells maps field ids (like \
                    f_0t1yWmQp4yDn) to values; omit cells or pass {} for a blank row. Ids must be unique in the table \
                    and within the call. Large inputs are sent in chunks (100 rows by default) with progress \
                    notifications; if a chunk fails, the error lists exactly which ids were added and which were \
                    not, so re-send only the rest. Never retried automatically. Adding rows spends no credits by \
                    itself, but enrichment columns set to auto-run will run on new rows and spend Clay credits. \
                    tableId looks like t_0t1yWmK8PvPQ. Returns the ids of the added rows.""",
            annotations = @Annotations(title = "Add rows to a Clay table", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true)
    Result addRows(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "Rows to add: [{\"id\": \"optional unique id\", \"cells\": {\"f_…\": value}}]") List<Row> rows,
            Progress progress, Cancellation cancellation) {
        String table = ToolArgs.tableId(tableId);
        List<NewRecord> records = checked(rows);
        int chunkSize = Math.max(1, limits.chunkSize());
        List<String> added = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += chunkSize) {
            List<NewRecord> chunk = records.subList(from, Math.min(from + chunkSize, records.size()));
            if (cancellation != null && cancellation.check().isRequested()) {
                throw new PartialFailure("Cancelled by the client after " + added.size() + " of " + records.size()
                        + " rows. " + report(added, records.subList(from, records.size()), List.of()),
                        added.size(), records.size() - added.size());
            }
            try {
                clay.addRecords(table, chunk);
            } catch (ClayException e) {
                boolean unknown = e.outcomeUnknown();
                List<NewRecord> rest = records.subList(from + chunk.size(), records.size());
                throw new PartialFailure(e.getMessage() + " " + added.size() + " of " + records.size()
                        + " rows were added before the failure. "
                        + report(added, unknown ? rest : records.subList(from, records.size()), unknown ? chunk : List.of()),
                        added.size(), records.size() - added.size());
            }
            chunk.forEach(r -> added.add(r.id()));
            if (progress != null && progress.token().isPresent()) {
                progress.notificationBuilder()
                        .setProgress(added.size())
                        .setTotal(records.size())
                        .setMessage("Added " + added.size() + " of " + records.size() + " rows")
                        .build()
                        .sendAndForget();
            }
        }
        return new Result(table, added.size(), added);
    }

    private static String report(List<String> added, List<NewRecord> notAdded, List<NewRecord> unknown) {
        StringBuilder b = new StringBuilder();
        b.append("Added ids: ").append(added).append(". NOT added ids: ").append(ids(notAdded)).append('.');
        if (!unknown.isEmpty()) {
            b.append(" Clay gave no clear answer for ids ").append(ids(unknown)).append(": they may or may not have "
                    + "been added; check with count_rows or list_record_ids before sending them again.");
        } else {
            b.append(" Send only the rows that were not added.");
        }
        return b.toString();
    }

    private static List<String> ids(List<NewRecord> records) {
        return records.stream().map(NewRecord::id).toList();
    }

    private List<NewRecord> checked(List<Row> rows) {
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
            Row row = rows.get(i);
            if (row == null) {
                throw ToolArgs.invalid("rows[" + i + "]", "an object {id?, cells?}", null);
            }
            String id = row.id() == null ? UUID.randomUUID().toString() : ToolArgs.recordId("rows[" + i + "].id", row.id());
            if (!seen.add(id)) {
                throw new ToolCallException("Invalid argument rows[" + i + "].id: '" + id + "' is used by an earlier "
                        + "row of this call; ids must be unique. Nothing was sent to Clay.");
            }
            Map<String, Object> cells = new LinkedHashMap<>();
            if (row.cells() != null) {
                for (var cell : row.cells().entrySet()) {
                    if (!cell.getKey().matches("[A-Za-z0-9_-]{1,200}")) {
                        throw ToolArgs.invalid("rows[" + i + "].cells", "keys that are field ids like f_0t1yWmQp4yDn",
                                cell.getKey());
                    }
                    cells.put(cell.getKey(), cell.getValue());
                }
            }
            records.add(new NewRecord(id, cells));
        }
        int size = jsonSize(records);
        if (size > limits.maxRequestBytes()) {
            throw new ToolCallException("Invalid argument rows: the rows take " + size + " bytes as JSON, over the "
                    + "limit of " + limits.maxRequestBytes() + " bytes (CLAY_ADD_ROWS_MAX_REQUEST_BYTES). Split them "
                    + "over several calls. Nothing was sent to Clay.");
        }
        return records;
    }

    private int jsonSize(List<NewRecord> records) {
        try {
            return json.writeValueAsString(records).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new ToolCallException("Invalid argument rows: a cell value cannot be written as JSON.");
        }
    }
}

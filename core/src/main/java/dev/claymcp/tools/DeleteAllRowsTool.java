package dev.claymcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;

import dev.claymcp.clay.ClayCall;
import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.AuditLog;
import dev.claymcp.policy.Audited;
import dev.claymcp.policy.ClayTool;
import dev.claymcp.policy.HumanConfirmation;

@ClayTool
public class DeleteAllRowsTool {

    private final ClayTables clay;
    private final HumanConfirmation confirmation;
    private final TableSchemas schemas;
    private final AuditLog audit;
    private final ObjectMapper json;

    public DeleteAllRowsTool(ClayTables clay, HumanConfirmation confirmation, TableSchemas schemas, AuditLog audit,
            ObjectMapper json) {
        this.clay = clay;
        this.confirmation = confirmation;
        this.schemas = schemas;
        this.audit = audit;
        this.json = json;
    }

    /**
     * What was deleted. Where Clay empties a table with one request, {@code deleted} and {@code rowsBefore} say it
     * all. Where it has no such request (today's Clay), the rows of a view are deleted by id, a hundred at a time:
     * {@code deletedRows} then counts them, {@code rowsAfter} counts what the table still holds (rows the view does not
     * show), and a call that stops part-way (an isError answer) says how many were deleted, may have been
     * ({@code uncertainRows}) and were not.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String tableId, boolean deleted, long rowsBefore, @Nullable Integer deletedRows,
            @Nullable Integer uncertainRows, @Nullable Integer notDeletedRows, @Nullable Long rowsAfter,
            @Nullable String note, @JsonIgnore boolean sentNothing) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("rowsBefore", rowsBefore);
            if (deletedRows != null) {
                fields.put("deletedRows", deletedRows);
            }
            if (uncertainRows != null && uncertainRows > 0) {
                fields.put("uncertainRows", uncertainRows);
            }
            if (notDeletedRows != null) {
                fields.put("notDeletedRows", notDeletedRows);
            }
            return fields;
        }
    }

    @Tool(name = "delete_all_rows", title = "Delete ALL rows",
            description = """
                    Permanently deletes EVERY row; only if the user explicitly asked. confirm must equal tableId. \
                    Reports rowsBefore. Where Clay deletes by id: viewId's rows (default: first view).""",
            annotations = @Annotations(title = "Delete ALL rows", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true, outputSchema = @Tool.OutputSchema(from = Result.class))
    ToolResponse deleteAllRows(String tableId,
            @ToolArg(description = "Must equal tableId") String confirm,
            @ToolArg(required = false) String viewId,
            Elicitation elicitation, Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        if (!table.equals(confirm)) {
            throw new ToolCallException("Refused: confirm must equal tableId ('" + table + "') to delete every row of "
                    + "the table. Nothing was deleted. Ask the user before calling again.");
        }
        String view = viewId == null ? null : ToolArgs.viewId(viewId);
        long rowsBefore = clay.countRows(table);
        confirmation.confirm(elicitation, "Delete ALL " + rowsBefore + " rows of Clay table " + table
                + "? This cannot be undone.");
        if (clay.deleteAllRecords(table)) {
            return answer(false, new Result(table, true, rowsBefore, null, null, null, null, null, false), null);
        }
        return deleteById(table, view, rowsBefore);
    }

    /** Today's Clay has no delete-all: every id of the view, deleted a batch at a time. */
    private ToolResponse deleteById(String table, String viewId, long rowsBefore) {
        String view = viewId != null ? viewId : schemas.get(table).firstViewId();
        if (view == null) {
            throw new ToolCallException("This Clay deletes rows only by id, and table '" + table + "' has no view to "
                    + "list them from: pass viewId. Nothing was deleted.");
        }
        List<String> ids = clay.recordIds(table, view);
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += ClayTables.BATCH) {
            List<String> batch = ids.subList(from, Math.min(from + ClayTables.BATCH, ids.size()));
            Optional<String> stop = ClayCall.current().stopReason();
            if (stop.isPresent()) {
                return partial(table, rowsBefore, ids.size(), deleted, 0, "Stopped: " + stop.get() + ".");
            }
            audit.sending("delete_all_rows", Map.of("tableId", table, "rows", from + "-" + (from + batch.size() - 1),
                    "firstId", batch.get(0), "lastId", batch.get(batch.size() - 1)));
            try {
                clay.deleteRecords(table, batch);
            } catch (ClayException e) {
                return partial(table, rowsBefore, ids.size(), deleted, e.outcomeUnknown() ? batch.size() : 0,
                        e.getMessage());
            }
            deleted += batch.size();
        }
        Long rowsAfter;
        try {
            rowsAfter = clay.countRows(table);
        } catch (ClayException e) {
            rowsAfter = null;
        }
        String note = rowsAfter != null && rowsAfter > 0 ? rowsAfter + " rows remain: view " + view + " did not show "
                + "them. Call again with the viewId of a view that shows every row." : null;
        return answer(false, new Result(table, rowsAfter == null || rowsAfter == 0, rowsBefore, deleted, null, null,
                rowsAfter, note, false), null);
    }

    private ToolResponse partial(String table, long rowsBefore, int listed, int deleted, int uncertain, String why) {
        int notDeleted = listed - deleted - uncertain;
        Result report = new Result(table, false, rowsBefore, deleted, uncertain, notDeleted, null, null,
                deleted == 0 && uncertain == 0);
        String text = why + " " + deleted + " of the " + listed + " rows listed were deleted"
                + (uncertain > 0 ? ", " + uncertain + " more may or may not have been (count_rows tells)" : "")
                + ", and " + notDeleted + " were not. Calling delete_all_rows again deletes what is left.";
        return answer(true, report, text);
    }

    private ToolResponse answer(boolean isError, Result result, String message) {
        return ReportAnswer.of(json, isError, result, message);
    }
}

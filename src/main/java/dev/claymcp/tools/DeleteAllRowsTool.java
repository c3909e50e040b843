package dev.claymcp.tools;

import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.HumanConfirmation;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
public class DeleteAllRowsTool {

    private final ClayTables clay;
    private final HumanConfirmation confirmation;

    public DeleteAllRowsTool(ClayTables clay, HumanConfirmation confirmation) {
        this.clay = clay;
        this.confirmation = confirmation;
    }

    public record Result(String tableId, boolean deleted, long rowsBefore) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            return Map.of("rowsBefore", rowsBefore);
        }
    }

    @Tool(name = "delete_all_rows", title = "Delete ALL rows of a Clay table",
            description = """
                    Permanently deletes every row of a Clay table; it cannot be undone. Only use it when the user \
                    explicitly asked to empty this table. As a safeguard, confirm must be the same string as \
                    tableId, otherwise nothing is deleted. The rows are counted first and the count is reported as \
                    rowsBefore; when the client supports it, the user is asked to confirm that count. To delete one \
                    row use delete_row. Spends no Clay credits. tableId looks like t_0t1yWmK8PvPQ.""",
            annotations = @Annotations(title = "Delete ALL rows of a Clay table", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result deleteAllRows(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "Must repeat tableId exactly, to confirm that every row of this table is to be deleted") String confirm,
            Elicitation elicitation) {
        String table = ToolArgs.tableId(tableId);
        if (!table.equals(confirm)) {
            throw new ToolCallException("Refused: confirm must equal tableId ('" + table + "') to delete every row of "
                    + "the table. Nothing was deleted. Ask the user before calling again.");
        }
        long rowsBefore = clay.countRows(table);
        confirmation.confirm(elicitation, "Delete ALL " + rowsBefore + " rows of Clay table " + table
                + "? This cannot be undone.");
        clay.deleteAllRecords(table);
        return new Result(table, true, rowsBefore);
    }
}

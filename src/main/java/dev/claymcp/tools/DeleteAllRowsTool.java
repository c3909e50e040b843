package dev.claymcp.tools;

import java.util.Map;

import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.Audited;
import dev.claymcp.policy.ClayTool;
import dev.claymcp.policy.HumanConfirmation;

@ClayTool
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

    @Tool(name = "delete_all_rows", title = "Delete ALL rows of a table",
            description = """
                    Permanently deletes EVERY row of a Clay table; only if the user explicitly asked. confirm must \
                    equal tableId, else nothing is deleted. Counts the rows first (rowsBefore); clients that show \
                    confirmation forms ask the user to confirm it.""",
            annotations = @Annotations(title = "Delete ALL rows of a table", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result deleteAllRows(String tableId,
            @ToolArg(description = "Must equal tableId") String confirm,
            Elicitation elicitation, Cancellation cancellation, McpConnection connection) {
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

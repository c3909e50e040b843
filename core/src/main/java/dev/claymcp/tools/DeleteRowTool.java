package dev.claymcp.tools;

import java.util.Map;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.Audited;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class DeleteRowTool {

    private final ClayTables clay;

    public DeleteRowTool(ClayTables clay) {
        this.clay = clay;
    }

    public record Result(String tableId, String recordId, boolean deleted) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            return Map.of("deleted", 1);
        }
    }

    @Tool(name = "delete_row", title = "Delete one row",
            description = """
                    Permanently deletes one row by record id. A blank id is refused, never taken as all rows.""",
            annotations = @Annotations(title = "Delete one row", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result deleteRow(String tableId,
            String recordId,
            Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        String record = ToolArgs.recordId("recordId", recordId);
        clay.deleteRecord(table, record);
        return new Result(table, record, true);
    }
}

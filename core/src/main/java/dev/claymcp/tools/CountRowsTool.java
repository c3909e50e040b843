package dev.claymcp.tools;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class CountRowsTool {

    private final ClayTables clay;

    public CountRowsTool(ClayTables clay) {
        this.clay = clay;
    }

    public record Result(String tableId, long count) {
    }

    @Tool(name = "count_rows", title = "Count rows",
            description = """
                    Counts a Clay table's rows, e.g. to check added rows arrived. Free.""",
            annotations = @Annotations(title = "Count rows", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result countRows(String tableId, Cancellation cancellation,
            McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        return new Result(table, clay.countRows(table));
    }
}

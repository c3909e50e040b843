package dev.claymcp.tools;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
public class CountRowsTool {

    private final ClayTables clay;

    public CountRowsTool(ClayTables clay) {
        this.clay = clay;
    }

    public record Result(String tableId, long count) {
    }

    @Tool(name = "count_rows", title = "Count rows in a Clay table",
            description = """
                    Returns how many rows a Clay table holds. Use it to size a table before listing record ids, \
                    after adding rows to check they arrived, or before deleting. Free: spends no Clay credits. \
                    tableId looks like t_0t1yWmK8PvPQ (it is in the table's URL in app.clay.com).""",
            annotations = @Annotations(title = "Count rows in a Clay table", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result countRows(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId) {
        String table = ToolArgs.tableId(tableId);
        return new Result(table, clay.countRows(table));
    }
}

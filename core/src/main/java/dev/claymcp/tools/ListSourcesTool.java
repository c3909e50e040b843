package dev.claymcp.tools;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class ListSourcesTool {

    private final ClayTables clay;

    public ListSourcesTool(ClayTables clay) {
        this.clay = clay;
    }

    /** {@code sources} is Clay's answer exactly as it came. */
    public record Result(String tableId, JsonNode sources) {
    }

    @Tool(name = "list_sources", title = "List sources",
            description = """
                    A table's sources (webhooks, imports; ids s_…), as Clay returns them.""",
            annotations = @Annotations(title = "List sources", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result listSources(String tableId, Cancellation cancellation,
            McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        return new Result(table, clay.sources(table));
    }
}

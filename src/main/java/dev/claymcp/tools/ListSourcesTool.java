package dev.claymcp.tools;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
public class ListSourcesTool {

    private final ClayTables clay;

    public ListSourcesTool(ClayTables clay) {
        this.clay = clay;
    }

    /** {@code sources} is Clay's answer exactly as it came. */
    public record Result(String tableId, JsonNode sources) {
    }

    @Tool(name = "list_sources", title = "List data sources of a Clay table",
            description = """
                    Lists the data sources configured on a Clay table (webhooks, imports, integrations), as Clay \
                    returns them: each has an id like s_0t1yWmVcX3Pe, a name and a type, and webhook sources carry \
                    their URL. Use it to find a source id for delete_source or to check a webhook added with \
                    add_webhook_source. Free: spends no Clay credits. tableId looks like t_0t1yWmK8PvPQ.""",
            annotations = @Annotations(title = "List data sources of a Clay table", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result listSources(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId) {
        String table = ToolArgs.tableId(tableId);
        return new Result(table, clay.sources(table));
    }
}

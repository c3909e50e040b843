package dev.claymcp.tools;

import java.util.List;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;

import dev.claymcp.clay.ClayTable;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class GetTableTool {

    private final TableSchemas schemas;

    public GetTableTool(TableSchemas schemas) {
        this.schemas = schemas;
    }

    public record Field(String id, String name, @Nullable String type, boolean enrichment) {
    }

    public record View(String id, String name) {
    }

    public record Result(String tableId, @Nullable String name, @Nullable String workspaceId,
            @Nullable String workbookId, @Nullable String firstViewId, List<Field> fields, List<View> views) {
    }

    @Tool(name = "get_table", title = "Get a table's columns",
            description = """
                    A table's columns (ids f_…, names, types; enrichment: true if running it spends credits), views \
                    (gv_…), workspaceId. Call it first: other tools take these ids or names. Free.""",
            annotations = @Annotations(title = "Get a table's columns", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result getTable(String tableId, Cancellation cancellation, McpConnection connection) {
        ClayTable table = schemas.fresh(ToolArgs.tableId(tableId));
        return new Result(table.id(), table.name(), table.workspaceId(), table.workbookId(), table.firstViewId(),
                table.fields().stream().map(f -> new Field(f.id(), f.name(), f.type(), f.enrichment())).toList(),
                table.views().stream().map(v -> new View(v.id(), v.name())).toList());
    }
}

package dev.claymcp.tools;

import java.util.List;
import java.util.Locale;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.TableSummary;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class ListTablesTool {

    /** Tables listed at most; nameContains narrows a bigger workspace. */
    static final int MAX_LISTED = 300;

    private final ClayTables clay;

    public ListTablesTool(ClayTables clay) {
        this.clay = clay;
    }

    public record Table(String id, @Nullable String name, @Nullable String workbookId) {
    }

    /** {@code total} counts the matching tables, of which at most {@link #MAX_LISTED} are listed. */
    public record Result(String workspaceId, int total, List<Table> tables, @Nullable String note) {
    }

    @Tool(name = "list_tables", title = "List tables",
            description = """
                    Lists a workspace's tables (t_…) with names; nameContains filters them (any letter case). Free.""",
            annotations = @Annotations(title = "List tables", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result listTables(@ToolArg(description = "The number in app.clay.com/workspaces/<id>") String workspaceId,
            @ToolArg(required = false) String nameContains,
            Cancellation cancellation, McpConnection connection) {
        String workspace = ToolArgs.workspaceId(workspaceId);
        String filter = nameContains == null ? null : ToolArgs.name("nameContains", nameContains).toLowerCase(Locale.ROOT);
        List<Table> matching = clay.tables(workspace).stream()
                .filter(t -> filter == null || t.name() != null && t.name().toLowerCase(Locale.ROOT).contains(filter))
                .map(ListTablesTool::table).toList();
        boolean cut = matching.size() > MAX_LISTED;
        return new Result(workspace, matching.size(), cut ? matching.subList(0, MAX_LISTED) : matching,
                cut ? "Only the first " + MAX_LISTED + " of " + matching.size() + " tables are listed; narrow the list "
                        + "with nameContains." : null);
    }

    private static Table table(TableSummary t) {
        return new Table(t.id(), t.name(), t.workbookId());
    }
}

package dev.claymcp.tools;

import java.util.List;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class ListRecordIdsTool {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10000;

    private final ClayTables clay;

    public ListRecordIdsTool(ClayTables clay) {
        this.clay = clay;
    }

    public record Result(String tableId, String viewId, int total, int offset, int limit, List<String> recordIds,
            @Nullable Integer nextOffset) {
    }

    @Tool(name = "list_record_ids", title = "List record ids",
            description = """
                    A view's record ids, a page at a time: while nextOffset is not null, call again with \
                    offset=nextOffset. Free.""",
            annotations = @Annotations(title = "List record ids", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result listRecordIds(String tableId,
            String viewId,
            @ToolArg(required = false) Number offset,
            @ToolArg(required = false) Number limit,
            Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        String view = ToolArgs.viewId(viewId);
        int first = (int) ToolArgs.wholeNumber("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = (int) ToolArgs.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<String> all = clay.recordIds(table, view);
        int from = Math.min(first, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        Integer next = to < all.size() ? to : null;
        return new Result(table, view, all.size(), first, size, List.copyOf(all.subList(from, to)), next);
    }
}

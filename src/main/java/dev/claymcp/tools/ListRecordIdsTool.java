package dev.claymcp.tools;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
public class ListRecordIdsTool {

    static final int MAX_LIMIT = 10000;

    private final ClayTables clay;

    public ListRecordIdsTool(ClayTables clay) {
        this.clay = clay;
    }

    public record Result(String tableId, String viewId, int total, int offset, int limit, List<String> recordIds,
            @Nullable Integer nextOffset) {
    }

    @Tool(name = "list_record_ids", title = "List record ids of a Clay view",
            description = """
                    Lists the ids of the records (rows) in a view of a Clay table, in the view's order, one page at \
                    a time: pass offset (default 0) and limit (default 1000, at most 10000); when nextOffset is not \
                    null, call again with offset=nextOffset for the next page. total is the number of records in the \
                    view. Use the ids with delete_row. Free: spends no Clay credits. tableId looks like \
                    t_0t1yWmK8PvPQ, viewId like gv_0t1yWmLkZ6GV (both are in the view's URL in app.clay.com).""",
            annotations = @Annotations(title = "List record ids of a Clay view", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result listRecordIds(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "View id, like gv_0t1yWmLkZ6GV") String viewId,
            @ToolArg(description = "Index of the first id to return (default 0)", required = false, defaultValue = "0") int offset,
            @ToolArg(description = "Most ids to return (default 1000, at most 10000)", required = false, defaultValue = "1000") int limit) {
        String table = ToolArgs.tableId(tableId);
        String view = ToolArgs.viewId(viewId);
        ToolArgs.range("offset", offset, 0, Integer.MAX_VALUE);
        ToolArgs.range("limit", limit, 1, MAX_LIMIT);
        List<String> all = clay.recordIds(table, view);
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        Integer next = to < all.size() ? to : null;
        return new Result(table, view, all.size(), offset, limit, List.copyOf(all.subList(from, to)), next);
    }
}

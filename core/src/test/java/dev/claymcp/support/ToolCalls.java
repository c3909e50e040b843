package dev.claymcp.support;

import static dev.claymcp.support.Mcp.args;

import java.util.List;
import java.util.Map;

/**
 * A valid call of each tool against table t_abc, with the first request it sends to Clay. Shared by the tests that
 * run every tool through the same situation.
 */
public record ToolCalls(String tool, Map<String, Object> arguments, String method, String url, boolean retried) {

    public static final String TABLE = "t_abc";

    public static List<ToolCalls> all() {
        return List.of(
                new ToolCalls("count_rows", args("tableId", TABLE), "GET", "/v3/tables/t_abc/count", true),
                new ToolCalls("list_record_ids", args("tableId", TABLE, "viewId", "gv_v1"), "GET",
                        "/v3/tables/t_abc/views/gv_v1/records/ids", true),
                new ToolCalls("list_sources", args("tableId", TABLE), "GET", "/v3/tables/t_abc/sources", true),
                new ToolCalls("add_rows", args("tableId", TABLE, "rows", List.of(Map.of("id", "r1", "cells", Map.of("f_a", "x")))),
                        "POST", "/v3/tables/t_abc/records", false),
                new ToolCalls("run_enrichment", args("tableId", TABLE, "viewId", "gv_v1", "fieldIds", List.of("f_a"),
                        "numRecords", 5), "PATCH", "/v3/tables/t_abc/run", false),
                new ToolCalls("add_webhook_source", args("tableId", TABLE, "workspaceId", "123", "name", "Hook"),
                        "PATCH", "/v3/tables/t_abc", false),
                new ToolCalls("delete_row", args("tableId", TABLE, "recordId", "r1"), "DELETE",
                        "/v3/tables/t_abc/records/r1", true),
                new ToolCalls("delete_source", args("tableId", TABLE, "sourceId", "s_x"), "DELETE",
                        "/v3/tables/t_abc/sources/s_x", true),
                new ToolCalls("delete_all_rows", args("tableId", TABLE, "confirm", TABLE), "GET",
                        "/v3/tables/t_abc/count", true),
                new ToolCalls("get_table", args("tableId", TABLE), "GET", "/v3/tables/t_abc", true),
                new ToolCalls("read_rows", args("tableId", TABLE, "viewId", "gv_v1"), "GET", "/v3/tables/t_abc", true),
                new ToolCalls("list_tables", args("workspaceId", "123"), "GET", "/v3/workspaces/123/tables", true),
                new ToolCalls("enrichment_status", args("tableId", TABLE), "GET", "/v3/tables/t_abc", true));
    }

    @Override
    public String toString() {
        return tool;
    }
}

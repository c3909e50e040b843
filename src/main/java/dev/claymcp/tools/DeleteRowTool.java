package dev.claymcp.tools;

import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
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

    @Tool(name = "delete_row", title = "Delete one row from a Clay table",
            description = """
                    Permanently deletes one row (record) of a Clay table by its record id; it cannot be undone. Get \
                    record ids from list_record_ids, or use the ids you gave add_rows. Deletes exactly one row: a \
                    missing or blank recordId is refused, never treated as "all rows" (that is delete_all_rows). \
                    Calling it again for the same id answers not found. Spends no Clay credits. tableId looks like \
                    t_0t1yWmK8PvPQ; recordId is any non-blank string of at most 512 characters.""",
            annotations = @Annotations(title = "Delete one row from a Clay table", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result deleteRow(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "Id of the record to delete, from list_record_ids") String recordId) {
        String table = ToolArgs.tableId(tableId);
        String record = ToolArgs.recordId("recordId", recordId);
        clay.deleteRecord(table, record);
        return new Result(table, record, true);
    }
}

package dev.claymcp.tools;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.EnrichmentRun;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
public class RunEnrichmentTool {

    static final int MAX_NUM_RECORDS = 1_000_000;

    private final ClayTables clay;
    private final ClayConfig config;

    public RunEnrichmentTool(ClayTables clay, ClayConfig config) {
        this.clay = clay;
        this.config = config;
    }

    /** {@code numRecords} is null for a run on all records; {@code upstream} is Clay's answer as it came. */
    public record Result(String tableId, String viewId, List<String> fieldIds, @Nullable Integer numRecords, boolean accepted,
            JsonNode upstream) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            return Map.of("fields", fieldIds.size(), "records", numRecords == null ? "all" : numRecords);
        }
    }

    @Tool(name = "run_enrichment", title = "Run enrichment columns (spends Clay credits)",
            description = """
                    Runs enrichment columns (fields) of a Clay table on the top numRecords rows of a view. This \
                    SPENDS CLAY CREDITS for every row and column it runs, so run on a few rows first and check the \
                    result before running more. numRecords is required; to run on every row of the view, omit it \
                    and pass allRecords: true, only when the user asked for the whole table. The run is asynchronous: \
                    accepted means Clay started it; read the table later for results. Never retried automatically. \
                    tableId looks like t_0t1yWmK8PvPQ, viewId like gv_0t1yWmLkZ6GV, field ids like f_0t1yWmQp4yDn.""",
            annotations = @Annotations(title = "Run enrichment columns (spends Clay credits)", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true)
    Result runEnrichment(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "View whose top rows are run, like gv_0t1yWmLkZ6GV") String viewId,
            @ToolArg(description = "Enrichment field (column) ids to run, like [\"f_0t1yWmQp4yDn\"]") List<String> fieldIds,
            @ToolArg(description = "How many rows, from the top of the view, to run; required unless allRecords is true", required = false) Integer numRecords,
            @ToolArg(description = "true to run on every row of the view (spends credits for each); only when the user asked", required = false, defaultValue = "false") boolean allRecords) {
        String table = ToolArgs.tableId(tableId);
        String view = ToolArgs.viewId(viewId);
        List<String> fields = ToolArgs.fieldIds(fieldIds);
        if (numRecords == null && !allRecords) {
            throw new ToolCallException("Missing argument numRecords: say how many rows to run (e.g. 10), or pass "
                    + "allRecords: true to run on every row of the view, which spends credits for each. Nothing was "
                    + "sent to Clay.");
        }
        if (numRecords != null && allRecords) {
            throw new ToolCallException("Invalid arguments: give either numRecords or allRecords: true, not both. "
                    + "Nothing was sent to Clay.");
        }
        var max = config.maxEnrichRecords();
        if (numRecords != null) {
            ToolArgs.range("numRecords", numRecords, 1, MAX_NUM_RECORDS);
            if (max.isPresent() && numRecords > max.getAsInt()) {
                throw new ToolCallException("Refused: numRecords " + numRecords + " is over this server's limit of "
                        + max.getAsInt() + " rows per run (CLAY_MAX_ENRICH_RECORDS). Run at most " + max.getAsInt()
                        + " rows. Nothing was sent to Clay.");
            }
        } else if (max.isPresent()) {
            long rows = clay.countRows(table);
            if (rows > max.getAsInt()) {
                throw new ToolCallException("Refused: allRecords would run on up to " + rows + " rows, over this "
                        + "server's limit of " + max.getAsInt() + " rows per run (CLAY_MAX_ENRICH_RECORDS). Pass "
                        + "numRecords of at most " + max.getAsInt() + " instead. No enrichment was started.");
            }
        }
        JsonNode upstream = clay.runEnrichment(table, new EnrichmentRun(fields, view, numRecords));
        return new Result(table, view, fields, numRecords, true, upstream);
    }
}

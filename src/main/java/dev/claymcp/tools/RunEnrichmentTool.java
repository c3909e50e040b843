package dev.claymcp.tools;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.EnrichmentRun;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.Audited;
import dev.claymcp.policy.ClayTool;

@ClayTool
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

    /** The largest numRecords this server accepts: CLAY_MAX_ENRICH_RECORDS when set. */
    int maxNumRecords() {
        return Math.min(MAX_NUM_RECORDS, config.maxEnrichRecords().orElse(MAX_NUM_RECORDS));
    }

    @Tool(name = "run_enrichment", title = "Run enrichments (spends credits)",
            description = """
                    Runs enrichment columns (field ids f_…) on the top numRecords rows of a view. SPENDS CLAY \
                    CREDITS per row and column: run a few rows and check them first. allRecords: true runs every \
                    row instead; only if the user asked. Asynchronous: accepted means started. Never retried.""",
            annotations = @Annotations(title = "Run enrichments (spends credits)", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true)
    Result runEnrichment(String tableId,
            @ToolArg(description = "View whose top rows run") String viewId,
            @ToolArg(description = "Enrichment columns to run") List<String> fieldIds,
            @ToolArg(description = "Rows to run from the top; required unless allRecords", required = false) Number numRecords,
            @ToolArg(description = "Run every row", required = false, defaultValue = "false") boolean allRecords,
            Cancellation cancellation, McpConnection connection) {
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
        Integer rows = null;
        if (numRecords != null) {
            long asked = ToolArgs.wholeNumber("numRecords", numRecords, 0, 1, MAX_NUM_RECORDS);
            if (max.isPresent() && asked > max.getAsInt()) {
                throw new ToolCallException("Refused: numRecords " + asked + " is over this server's limit of "
                        + max.getAsInt() + " rows per run (CLAY_MAX_ENRICH_RECORDS). Run at most " + max.getAsInt()
                        + " rows. Nothing was sent to Clay.");
            }
            rows = (int) asked;
        } else if (max.isPresent()) {
            long count = clay.countRows(table);
            if (count > max.getAsInt()) {
                throw new ToolCallException("Refused: allRecords would run on up to " + count + " rows, over this "
                        + "server's limit of " + max.getAsInt() + " rows per run (CLAY_MAX_ENRICH_RECORDS). Pass "
                        + "numRecords of at most " + max.getAsInt() + " instead. No enrichment was started.");
            }
        }
        JsonNode upstream = clay.runEnrichment(table, new EnrichmentRun(fields, view, rows));
        return new Result(table, view, fields, rows, true, upstream);
    }
}

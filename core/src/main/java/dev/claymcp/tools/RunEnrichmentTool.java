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

import dev.claymcp.clay.ClayTable;
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
    private final TableSchemas schemas;

    public RunEnrichmentTool(ClayTables clay, ClayConfig config, TableSchemas schemas) {
        this.clay = clay;
        this.config = config;
        this.schemas = schemas;
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
                    Runs enrichment columns (ids or names) on a view's top numRecords rows. SPENDS CREDITS per row and \
                    column: try a few first; allRecords: true only if the user asked. Async: then enrichment_status, \
                    read_rows. Never retried.""",
            annotations = @Annotations(title = "Run enrichments (spends credits)", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true)
    Result runEnrichment(String tableId,
            String viewId,
            List<String> fieldIds,
            @ToolArg(description = "Required unless allRecords", required = false) Number numRecords,
            @ToolArg(required = false, defaultValue = "false") boolean allRecords,
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
        List<String> ids = enrichmentIds(table, fields);
        JsonNode upstream = clay.runEnrichment(table, new EnrichmentRun(ids, view, rows));
        return new Result(table, view, ids, rows, true, upstream);
    }

    /**
     * The field ids to run: names looked up in the table's schema (no request when all are ids), and then, since the
     * schema is at hand, every field checked to be an enrichment.
     */
    private List<String> enrichmentIds(String table, List<String> fields) {
        if (fields.stream().allMatch(TableSchemas::isFieldId)) {
            return fields;
        }
        Map<String, String> resolved = schemas.resolve(table, fields, "fieldIds");
        ClayTable schema = schemas.get(table);
        List<String> ids = fields.stream().map(resolved::get).distinct().toList();
        for (String id : ids) {
            ClayTable.Field field = schema.field(id);
            if (field != null && !field.enrichment()) {
                throw new ToolCallException("Invalid argument fieldIds: '" + field.name() + "' (" + id + ") is not an "
                        + "enrichment column of table '" + table + "', so there is nothing to run. Its enrichment "
                        + "columns: " + schema.fields().stream().filter(ClayTable.Field::enrichment)
                                .map(f -> f.name() + " (" + f.id() + ")").toList()
                        + ". Nothing was sent to Clay.");
            }
        }
        return ids;
    }
}

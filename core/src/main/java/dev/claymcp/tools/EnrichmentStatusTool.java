package dev.claymcp.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayCall;
import dev.claymcp.clay.ClayTable;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.FieldRunStatus;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class EnrichmentStatusTool {

    /** The longest a call may wait for runs to finish: under the time clients give a call. */
    static final int MAX_WAIT_SECONDS = 50;
    /** Kept of a call's budget for its last look. */
    static final Duration RESERVE = Duration.ofSeconds(5);

    private final ClayTables clay;
    private final TableSchemas schemas;
    private final Duration pollInterval;

    public EnrichmentStatusTool(ClayTables clay, TableSchemas schemas, ClayConfig config) {
        this.clay = clay;
        this.schemas = schemas;
        this.pollInterval = config.enrichmentPollInterval();
    }

    /** One enrichment column: its cells counted by status; done when none is left to run. */
    public record FieldStatus(String fieldId, String name, Map<String, Long> counts, boolean done) {
    }

    public record Result(String tableId, boolean done, int waitedSeconds, List<FieldStatus> fields) {
    }

    @Tool(name = "enrichment_status", title = "Enrichment progress",
            description = """
                    After run_enrichment: enrichment cells counted by status; done when none is QUEUED, RUNNING, \
                    AWAITING_CALLBACK or RETRY. waitSeconds (max 50) waits for done. Then read_rows. Free.""",
            annotations = @Annotations(title = "Enrichment progress", readOnlyHint = true,
                    destructiveHint = false, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result enrichmentStatus(String tableId,
            @ToolArg(required = false) List<String> fieldIds,
            @ToolArg(required = false) Number waitSeconds,
            Progress progress, Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        List<String> asked = ToolArgs.fields("fieldIds", fieldIds, false);
        long wait = ToolArgs.wholeNumber("waitSeconds", waitSeconds, 0, 0, MAX_WAIT_SECONDS);

        ClayTable schema = schemas.get(table);
        if (schema.workspaceId() == null) {
            throw new ToolCallException("Clay did not say which workspace table '" + table + "' is in, which its run "
                    + "status needs; nothing more was asked of Clay.");
        }
        Set<String> only = asked.isEmpty() ? null : new HashSet<>(schemas.resolve(table, asked, "fieldIds").values());
        long started = System.nanoTime();
        while (true) {
            Result result = status(table, schema, only, (int) ((System.nanoTime() - started) / 1_000_000_000L));
            // waiting ends in time for one more look within the call's budget
            long left = Math.min(Duration.ofSeconds(wait).toNanos() - (System.nanoTime() - started),
                    ClayCall.current().remaining().minus(RESERVE).toNanos());
            if (result.done() || left <= 0) {
                return result;
            }
            report(progress, result);
            Optional<String> stop = pause(Math.min(left, pollInterval.toNanos()));
            if (stop.isPresent()) {
                return result; // what was last seen: the client cancelled, its session ended or the server stops
            }
        }
    }

    private Result status(String table, ClayTable schema, Set<String> only, int waited) {
        Map<String, FieldRunStatus> statuses = clay.runStatus(schema.workspaceId(), table);
        List<FieldStatus> fields = new ArrayList<>();
        for (ClayTable.Field field : schema.fields()) {
            boolean wanted = only == null ? field.enrichment() : only.contains(field.id());
            if (wanted) {
                FieldRunStatus s = statuses.getOrDefault(field.id(), new FieldRunStatus(false, Map.of()));
                fields.add(new FieldStatus(field.id(), field.name(), s.counts(), s.done()));
            }
        }
        if (only != null) {
            // a field Clay has statuses for but the schema does not list (yet): shown under its id
            only.stream().filter(id -> schema.field(id) == null).forEach(id -> {
                FieldRunStatus s = statuses.getOrDefault(id, new FieldRunStatus(false, Map.of()));
                fields.add(new FieldStatus(id, id, s.counts(), s.done()));
            });
        }
        return new Result(table, fields.stream().allMatch(FieldStatus::done), waited, fields);
    }

    private static void report(Progress progress, Result result) {
        if (progress == null || progress.token().isEmpty()) {
            return;
        }
        long all = 0;
        long finished = 0;
        for (FieldStatus f : result.fields()) {
            for (Map.Entry<String, Long> c : f.counts().entrySet()) {
                all += c.getValue();
                if (!FieldRunStatus.UNFINISHED.contains(c.getKey())) {
                    finished += c.getValue();
                }
            }
        }
        progress.notificationBuilder().setProgress(finished).setTotal(Math.max(all, 1))
                .setMessage(finished + " of " + all + " enrichment cells finished").build().sendAndForget();
    }

    /** Waits before asking again, in short steps that end when the call is told to stop; the reason, if so. */
    private static Optional<String> pause(long nanos) {
        long end = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = end - System.nanoTime()) {
                Optional<String> stop = ClayCall.current().stopReason();
                if (stop.isPresent()) {
                    return stop;
                }
                Thread.sleep(Math.max(1, Math.min(left, 100_000_000L) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the server is stopping");
        }
        return ClayCall.current().stopReason();
    }
}

package dev.claymcp.clay;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How far the runs of one enrichment field have got: its cells counted by status, or {@code pending} while Clay is
 * still counting them.
 */
public record FieldRunStatus(boolean pending, Map<String, Long> counts) {

    /** Statuses of cells that are not finished yet. */
    public static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING", "AWAITING_CALLBACK", "RETRY");

    /** Whether nothing of this field is left to run. */
    public boolean done() {
        return !pending && counts.entrySet().stream().noneMatch(e -> UNFINISHED.contains(e.getKey()) && e.getValue() > 0);
    }

    /** The statuses of an answer, {@code {"statusCountsByField":{"f_…":[{"status","count"}] or "_pending"}}}. */
    static Map<String, FieldRunStatus> parseAll(JsonNode answer) {
        JsonNode byField = answer == null ? null : answer.get("statusCountsByField");
        if (byField == null || !byField.isObject()) {
            throw ClayFailures.unexpectedAnswer(200, "status counts by field (statusCountsByField)");
        }
        Map<String, FieldRunStatus> statuses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byField.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isArray()) {
                statuses.put(field.getKey(), new FieldRunStatus(true, Map.of()));
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (JsonNode c : field.getValue()) {
                String status = ClayTable.text(c, "status");
                if (status != null) {
                    counts.merge(status, c.path("count").asLong(0), Long::sum);
                }
            }
            statuses.put(field.getKey(), new FieldRunStatus(false, java.util.Collections.unmodifiableMap(counts)));
        }
        return statuses;
    }
}

package dev.claymcp.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claymcp.clay.ClayFailures;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.EnrichmentRun;
import dev.claymcp.clay.NewRecord;

/**
 * An in-memory Clay, for trying the server without an account: tables and views come into being on first use, a view
 * lists its table's records in insertion order, and failures are the ones the real API would give, worded by
 * {@link ClayFailures} like the HTTP client's. Nothing leaves the process; everything is lost when it stops.
 */
public class SandboxClayTables implements ClayTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final AtomicLong sourceSequence = new AtomicLong();

    private static final class Table {
        final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        final Map<String, ObjectNode> sources = new LinkedHashMap<>();
    }

    private Table table(String tableId) {
        return tables.computeIfAbsent(tableId, id -> new Table());
    }

    @Override
    public long countRows(String tableId) {
        Table t = table(tableId);
        synchronized (t) {
            return t.records.size();
        }
    }

    @Override
    public List<String> recordIds(String tableId, String viewId) {
        Table t = table(tableId);
        synchronized (t) {
            return new ArrayList<>(t.records.keySet());
        }
    }

    @Override
    public JsonNode sources(String tableId) {
        Table t = table(tableId);
        ArrayNode list = JSON.createArrayNode();
        synchronized (t) {
            t.sources.values().forEach(s -> list.add(s.deepCopy()));
        }
        return list;
    }

    @Override
    public void addRecords(String tableId, List<NewRecord> records) {
        Table t = table(tableId);
        synchronized (t) {
            for (NewRecord r : records) {
                if (t.records.containsKey(r.id())) {
                    throw ClayFailures.duplicateRecordId(r.id());
                }
            }
            // a copy, kept as given: cell values may be null (a cleared cell)
            records.forEach(r -> t.records.put(r.id(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r.cells()))));
        }
    }

    @Override
    public JsonNode runEnrichment(String tableId, EnrichmentRun run) {
        long rows = countRows(tableId);
        long toRun = run.numRecords() == null ? rows : Math.min(rows, run.numRecords());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("sandbox", true);
        answer.put("recordsToRun", toRun);
        answer.set("fieldIds", JSON.valueToTree(run.fieldIds()));
        answer.put("note", "Sandbox: no enrichment ran and no credits were spent.");
        return answer;
    }

    @Override
    public JsonNode addWebhookSource(String tableId, String workspaceId, String name) {
        String id = "s_sandbox" + sourceSequence.incrementAndGet();
        ObjectNode source = JSON.createObjectNode();
        source.put("id", id);
        source.put("name", name);
        source.put("type", "webhook");
        source.put("workspaceId", workspaceId);
        source.put("webhookUrl", "https://sandbox.clay.invalid/webhooks/" + tableId + "/" + id);
        Table t = table(tableId);
        synchronized (t) {
            t.sources.put(id, source);
        }
        return source.deepCopy();
    }

    @Override
    public void deleteRecord(String tableId, String recordId) {
        Table t = table(tableId);
        synchronized (t) {
            if (t.records.remove(recordId) == null) {
                throw ClayFailures.notFound(ClayFailures.record(tableId, recordId));
            }
        }
    }

    @Override
    public void deleteSource(String tableId, String sourceId) {
        Table t = table(tableId);
        synchronized (t) {
            if (t.sources.remove(sourceId) == null) {
                throw ClayFailures.notFound(ClayFailures.source(tableId, sourceId));
            }
        }
    }

    @Override
    public void deleteAllRecords(String tableId) {
        Table t = table(tableId);
        synchronized (t) {
            t.records.clear();
        }
    }
}

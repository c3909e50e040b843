package dev.claymcp.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayFailures;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.EnrichmentRun;
import dev.claymcp.clay.NewRecord;

/**
 * An in-memory Clay, for trying the server without an account: tables come into being when first written to (any
 * table or view id reads as empty before that), a view lists its table's records in insertion order, and failures are
 * the ones the real API would give, worded by {@link ClayFailures} like the HTTP client's. Nothing leaves the process;
 * everything is lost when it stops. It holds at most {@code maxRows} rows and {@link #MAX_BYTES} of cell text over all
 * tables, and {@link #MAX_SOURCES} sources, so a runaway agent cannot exhaust the machine's memory.
 */
public class SandboxClayTables implements ClayTables {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_SOURCES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxRows;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final AtomicLong sourceSequence = new AtomicLong();
    /** Totals over all tables, guarded by {@code this}. */
    private long rows;
    private long bytes;
    private int sources;

    public SandboxClayTables(int maxRows) {
        this.maxRows = maxRows;
    }

    private static final class Table {
        final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        final Map<String, Long> sizes = new LinkedHashMap<>();
        final Map<String, ObjectNode> sources = new LinkedHashMap<>();
    }

    private static final Table EMPTY = new Table();

    /** The table to read: an unknown one reads as empty, without being created. */
    private Table read(String tableId) {
        return tables.getOrDefault(tableId, EMPTY);
    }

    private Table write(String tableId) {
        return tables.computeIfAbsent(tableId, id -> new Table());
    }

    @Override
    public long countRows(String tableId) {
        Table t = read(tableId);
        synchronized (this) {
            return t.records.size();
        }
    }

    @Override
    public List<String> recordIds(String tableId, String viewId) {
        Table t = read(tableId);
        synchronized (this) {
            return new ArrayList<>(t.records.keySet());
        }
    }

    @Override
    public JsonNode sources(String tableId) {
        Table t = read(tableId);
        ArrayNode list = JSON.createArrayNode();
        synchronized (this) {
            t.sources.values().forEach(s -> list.add(s.deepCopy()));
        }
        return list;
    }

    @Override
    public void addRecords(String tableId, List<NewRecord> records) {
        Table t = write(tableId);
        synchronized (this) {
            long added = 0;
            for (NewRecord r : records) {
                if (t.records.containsKey(r.id())) {
                    throw ClayFailures.duplicateRecordId(r.id());
                }
                added += size(r.id()) + size(r.cells());
            }
            if (rows + records.size() > maxRows || bytes + added > MAX_BYTES) {
                throw new ClayException(ClayException.Kind.REJECTED, 413, ClayException.Delivery.REFUSED,
                        "The sandbox is full: it holds at most " + maxRows + " rows (CLAY_SANDBOX_MAX_ROWS) and "
                                + (MAX_BYTES >> 20) + " MB of cell data over all tables, and has " + rows + " rows. "
                                + "Nothing of this request was added; delete rows (delete_all_rows) or restart the "
                                + "server to start afresh.");
            }
            for (NewRecord r : records) {
                // a copy, kept as given: cell values may be null (a cleared cell)
                t.records.put(r.id(), Collections.unmodifiableMap(new LinkedHashMap<>(r.cells())));
                t.sizes.put(r.id(), size(r.id()) + size(r.cells()));
            }
            rows += records.size();
            bytes += added;
        }
    }

    @Override
    public JsonNode runEnrichment(String tableId, EnrichmentRun run) {
        long count = countRows(tableId);
        long toRun = run.numRecords() == null ? count : Math.min(count, run.numRecords());
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
        Table t = write(tableId);
        synchronized (this) {
            if (sources >= MAX_SOURCES) {
                throw new ClayException(ClayException.Kind.REJECTED, 413, ClayException.Delivery.REFUSED,
                        "The sandbox is full: it holds at most " + MAX_SOURCES + " sources. Delete some "
                                + "(delete_source) or restart the server.");
            }
            t.sources.put(id, source);
            sources++;
        }
        return source.deepCopy();
    }

    @Override
    public void deleteRecord(String tableId, String recordId) {
        Table t = read(tableId);
        synchronized (this) {
            if (t.records.remove(recordId) == null) {
                throw ClayFailures.notFound(ClayFailures.record(tableId, recordId));
            }
            rows--;
            bytes -= t.sizes.remove(recordId);
        }
    }

    @Override
    public void deleteSource(String tableId, String sourceId) {
        Table t = read(tableId);
        synchronized (this) {
            if (t.sources.remove(sourceId) == null) {
                throw ClayFailures.notFound(ClayFailures.source(tableId, sourceId));
            }
            sources--;
        }
    }

    @Override
    public void deleteAllRecords(String tableId) {
        Table t = read(tableId);
        synchronized (this) {
            rows -= t.records.size();
            bytes -= t.sizes.values().stream().mapToLong(Long::longValue).sum();
            t.records.clear();
            t.sizes.clear();
        }
    }

    /** A cheap estimate of the memory a value takes: its characters, and a little for anything else. */
    static long size(Object value) {
        if (value instanceof String s) {
            return 2L * s.length() + 16;
        }
        if (value instanceof Map<?, ?> map) {
            long total = 16;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                total += size(String.valueOf(e.getKey())) + size(e.getValue());
            }
            return total;
        }
        if (value instanceof List<?> list) {
            long total = 16;
            for (Object o : list) {
                total += size(o);
            }
            return total;
        }
        return 16;
    }
}

package dev.claymcp.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayFailures;
import dev.claymcp.clay.ClayRecord;
import dev.claymcp.clay.ClayTable;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.EnrichmentRun;
import dev.claymcp.clay.FieldRunStatus;
import dev.claymcp.clay.NewRecord;
import dev.claymcp.clay.TableSummary;

/**
 * An in-memory Clay, for trying the server without an account: tables come into being when first written to (any
 * table or view id reads as empty before that), a view lists its table's records in insertion order, and failures are
 * the ones the real API would give, worded by {@link ClayFailures} like the HTTP client's. Nothing leaves the process;
 * everything is lost when it stops. It holds at most {@code maxRows} rows and {@link #MAX_BYTES} of cell text over all
 * tables, {@link #MAX_SOURCES} sources, {@link #MAX_TABLES} tables and {@link #MAX_FIELDS} fields per table, so a runaway
 * agent (or, over HTTP, any caller) cannot exhaust the machine's memory; a request it refuses leaves nothing behind.
 * <p>
 * Tables have a schema: a field for each cell key rows were added with (its id is the key, its name the key without
 * {@code f_}), the enrichment field {@link #ENRICHMENT_ID} ("Sandbox enrichment") that every table has, and one view,
 * {@link #VIEW_ID}. Running the enrichment makes its cells QUEUED, then RUNNING, then SUCCESS with a value computed
 * from the row (the same row gives the same value), {@link #QUEUED_FOR} and {@link #RUNNING_FOR} apart; so the whole
 * loop of adding rows, reading the schema, running, watching the run and reading the results works with no account.
 */
public class SandboxClayTables implements ClayTables {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_SOURCES = 1000;
    static final int MAX_TABLES = 1000;
    static final int MAX_FIELDS = 500;
    public static final String ENRICHMENT_ID = "f_sandbox_enrichment";
    public static final String ENRICHMENT_NAME = "Sandbox enrichment";
    public static final String VIEW_ID = "gv_sandbox_default";
    static final String WORKSPACE_ID = "0";
    static final long QUEUED_FOR = TimeUnit.MILLISECONDS.toNanos(300);
    static final long RUNNING_FOR = TimeUnit.MILLISECONDS.toNanos(700);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxRows;
    private final LongSupplier nanoClock;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final AtomicLong sourceSequence = new AtomicLong();
    /** Totals over all tables, guarded by {@code this}. */
    private long rows;
    private long bytes;
    private int sources;

    public SandboxClayTables(int maxRows) {
        this(maxRows, System::nanoTime);
    }

    SandboxClayTables(int maxRows, LongSupplier nanoClock) {
        this.maxRows = maxRows;
        this.nanoClock = nanoClock;
    }

    private static final class Table {
        final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        final Map<String, Long> sizes = new LinkedHashMap<>();
        final Map<String, ObjectNode> sources = new LinkedHashMap<>();
        /** Field id -> name, of the fields rows were added with. */
        final Map<String, String> fields = new LinkedHashMap<>();
        /** Record id -> when the enrichment was last started on it. */
        final Map<String, Long> runs = new LinkedHashMap<>();
    }

    private static final Table EMPTY = new Table();

    /** The table to read: an unknown one reads as empty, without being created. */
    private Table read(String tableId) {
        return tables.getOrDefault(tableId, EMPTY);
    }

    /** The table to write to, made if it is new and there is room for it; the caller holds {@code this}. */
    private Table write(String tableId) {
        Table t = tables.get(tableId);
        if (t != null) {
            return t;
        }
        if (tables.size() >= MAX_TABLES) {
            throw full("it holds at most " + MAX_TABLES + " tables. Nothing was added; write to a table it has, or "
                    + "restart the server to start afresh.");
        }
        t = new Table();
        tables.put(tableId, t);
        return t;
    }

    private static ClayException full(String why) {
        return new ClayException(ClayException.Kind.REJECTED, 413, ClayException.Delivery.REFUSED,
                "The sandbox is full: " + why);
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
        synchronized (this) {
            Table t = read(tableId);
            long added = 0;
            Set<String> newFields = new HashSet<>();
            for (NewRecord r : records) {
                if (t.records.containsKey(r.id())) {
                    throw ClayFailures.duplicateRecordId(r.id());
                }
                if (r.cells().containsKey(ENRICHMENT_ID)) {
                    throw new ClayException(ClayException.Kind.REJECTED, 400, ClayException.Delivery.REFUSED,
                            "Clay refused the request (HTTP 400): the field " + ENRICHMENT_ID + " is an enrichment, "
                                    + "whose cells run_enrichment fills. Nothing of this request was added.");
                }
                added += size(r.id()) + size(r.cells());
                r.cells().keySet().stream().filter(f -> !t.fields.containsKey(f)).forEach(newFields::add);
            }
            if (rows + records.size() > maxRows || bytes + added > MAX_BYTES) {
                throw full("it holds at most " + maxRows + " rows (CLAY_SANDBOX_MAX_ROWS) and " + (MAX_BYTES >> 20)
                        + " MB of cell data over all tables, and has " + rows + " rows. Nothing of this request was "
                        + "added; delete rows (delete_all_rows) or restart the server to start afresh.");
            }
            if (t.fields.size() + newFields.size() > MAX_FIELDS) {
                throw full("a table has at most " + MAX_FIELDS + " fields, and these rows would bring table '"
                        + tableId + "' to " + (t.fields.size() + newFields.size()) + ". Nothing of this request was "
                        + "added.");
            }
            Table target = write(tableId);
            for (NewRecord r : records) {
                // a copy, kept as given: cell values may be null (a cleared cell)
                target.records.put(r.id(), Collections.unmodifiableMap(new LinkedHashMap<>(r.cells())));
                target.sizes.put(r.id(), size(r.id()) + size(r.cells()));
                r.cells().keySet().forEach(f -> target.fields.putIfAbsent(f, f.startsWith("f_") ? f.substring(2) : f));
            }
            rows += records.size();
            bytes += added;
        }
    }

    @Override
    public JsonNode runEnrichment(String tableId, EnrichmentRun run) {
        Table t = read(tableId);
        for (String field : run.fieldIds()) {
            if (!field.equals(ENRICHMENT_ID)) {
                throw new ClayException(ClayException.Kind.REJECTED, 400, ClayException.Delivery.REFUSED,
                        "Clay refused the request (HTTP 400): " + field + " is not an enrichment field of table '"
                                + tableId + "'. In the sandbox every table has one enrichment, " + ENRICHMENT_ID
                                + " (\"" + ENRICHMENT_NAME + "\"). Nothing was run.");
            }
        }
        long started = nanoClock.getAsLong();
        int count = 0;
        synchronized (this) {
            for (String id : t.records.keySet()) {
                if (run.numRecords() != null && count >= run.numRecords()) {
                    break;
                }
                t.runs.put(id, started);
                count++;
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("recordCount", count);
        answer.put("runMode", count == 1 ? "INDIVIDUAL" : count == 0 ? "NONE" : "BULK");
        answer.put("sandbox", true);
        answer.put("note", "Sandbox: a simulated run; no credits were spent.");
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
        synchronized (this) {
            if (sources >= MAX_SOURCES) {
                throw full("it holds at most " + MAX_SOURCES + " sources. Delete some (delete_source) or restart the "
                        + "server.");
            }
            write(tableId).sources.put(id, source);
            sources++;
        }
        return source.deepCopy();
    }

    @Override
    public void deleteRecord(String tableId, String recordId) {
        Table t = read(tableId);
        synchronized (this) {
            if (!t.records.containsKey(recordId)) {
                throw ClayFailures.notFound(ClayFailures.record(tableId, recordId));
            }
            remove(t, recordId);
        }
    }

    @Override
    public void deleteRecords(String tableId, List<String> recordIds) {
        Table t = read(tableId);
        synchronized (this) {
            recordIds.stream().filter(t.records::containsKey).forEach(id -> remove(t, id));
        }
    }

    /** Removes one record; the caller holds {@code this}. */
    private void remove(Table t, String recordId) {
        t.records.remove(recordId);
        t.runs.remove(recordId);
        rows--;
        bytes -= t.sizes.remove(recordId);
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
    public boolean deleteAllRecords(String tableId) {
        Table t = read(tableId);
        synchronized (this) {
            rows -= t.records.size();
            bytes -= t.sizes.values().stream().mapToLong(Long::longValue).sum();
            t.records.clear();
            t.sizes.clear();
            t.runs.clear();
        }
        return true;
    }

    @Override
    public ClayTable table(String tableId) {
        Table t = read(tableId);
        List<ClayTable.Field> fields = new ArrayList<>();
        synchronized (this) {
            t.fields.forEach((id, name) -> fields.add(new ClayTable.Field(id, name, "text")));
        }
        fields.add(new ClayTable.Field(ENRICHMENT_ID, ENRICHMENT_NAME, "action"));
        return new ClayTable(tableId, "Sandbox table " + tableId, WORKSPACE_ID, "wb_sandbox", VIEW_ID,
                List.copyOf(fields), List.of(new ClayTable.View(VIEW_ID, "Default view")));
    }

    @Override
    public List<ClayRecord> records(String tableId, List<String> recordIds, List<String> fullValueFieldIds) {
        Table t = read(tableId);
        long now = nanoClock.getAsLong();
        List<ClayRecord> found = new ArrayList<>();
        synchronized (this) {
            for (String id : recordIds) {
                Map<String, Object> cells = t.records.get(id);
                if (cells == null) {
                    continue; // unknown ids are left out, as Clay does
                }
                Map<String, ClayRecord.Cell> out = new LinkedHashMap<>();
                cells.forEach((field, value) -> {
                    if (value != null) { // cells are sparse: an empty one is absent
                        out.put(field, new ClayRecord.Cell(JSON.valueToTree(value), null, null));
                    }
                });
                Long started = t.runs.get(id);
                if (started != null) {
                    String status = status(now - started);
                    boolean success = status.equals("SUCCESS");
                    JsonNode full = success ? result(tableId, id, cells) : null;
                    out.put(ENRICHMENT_ID, new ClayRecord.Cell(success ? TextNode.valueOf("Status Code: 200") : null,
                            status, fullValueFieldIds.contains(ENRICHMENT_ID) ? full : null));
                }
                found.add(new ClayRecord(id, out, null, null));
            }
        }
        return found;
    }

    @Override
    public List<TableSummary> tables(String workspaceId) {
        List<TableSummary> list = new ArrayList<>();
        tables.keySet().stream().sorted().forEach(id -> list.add(new TableSummary(id, "Sandbox table " + id,
                "wb_sandbox")));
        return list;
    }

    @Override
    public Map<String, FieldRunStatus> runStatus(String workspaceId, String tableId) {
        Table t = read(tableId);
        long now = nanoClock.getAsLong();
        Map<String, Long> counts = new LinkedHashMap<>();
        synchronized (this) {
            t.runs.values().forEach(started -> counts.merge(status(now - started), 1L, Long::sum));
        }
        return Map.of(ENRICHMENT_ID, new FieldRunStatus(false, Collections.unmodifiableMap(counts)));
    }

    private static String status(long sinceStart) {
        return sinceStart < QUEUED_FOR ? "QUEUED" : sinceStart < QUEUED_FOR + RUNNING_FOR ? "RUNNING" : "SUCCESS";
    }

    /** What the sandbox enrichment finds for a row: computed from the row alone, so the same row gives the same. */
    static JsonNode result(String tableId, String recordId, Map<String, Object> cells) {
        ObjectNode result = JSON.createObjectNode();
        result.put("recordId", recordId);
        result.put("filledCells", cells.values().stream().filter(v -> v != null && !"".equals(v)).count());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((tableId + "\n" + recordId + "\n"
                    + JSON.writeValueAsString(cells)).getBytes(StandardCharsets.UTF_8));
            result.put("fingerprint", HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        result.put("note", "simulated by the sandbox");
        return result;
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

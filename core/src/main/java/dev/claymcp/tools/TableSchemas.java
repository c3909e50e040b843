package dev.claymcp.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTable;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.config.ClayConfig;

/**
 * Tables' schemas, read with get_table's request and kept a short while ({@code CLAY_SCHEMA_CACHE_TTL}), so that
 * tools can take a field's name wherever they take its id, show names beside ids, and find a table's enrichments,
 * views and workspace.
 * At most {@link #MAX_TABLES} schemas are kept.
 */
@Singleton
public class TableSchemas {

    static final int MAX_TABLES = 200;
    /** A key that looks like this is a field id as it is; anything else is a field's name. */
    static final Pattern FIELD_ID = Pattern.compile("^f_[\\w-]{1,198}$");
    /** Names listed in a refusal, at most. */
    static final int NAMES_SHOWN = 60;

    private record Cached(ClayTable table, long loadedAt) {
    }

    private final ClayTables clay;
    private final Duration ttl;
    private final LongSupplier nanoClock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_TABLES;
        }
    };

    @Inject
    public TableSchemas(ClayTables clay, ClayConfig config) {
        this(clay, config.schemaCacheTtl(), System::nanoTime);
    }

    TableSchemas(ClayTables clay, Duration ttl, LongSupplier nanoClock) {
        this.clay = clay;
        this.ttl = ttl;
        this.nanoClock = nanoClock;
    }

    /** The table's schema, from the cache while it is fresh. */
    public ClayTable get(String tableId) {
        synchronized (cache) {
            Cached c = cache.get(tableId);
            if (c != null && nanoClock.getAsLong() - c.loadedAt() < ttl.toNanos()) {
                return c.table();
            }
        }
        return fresh(tableId);
    }

    /** The table's schema as Clay has it now. */
    public ClayTable fresh(String tableId) {
        ClayTable table = clay.table(tableId);
        synchronized (cache) {
            cache.put(tableId, new Cached(table, nanoClock.getAsLong()));
        }
        return table;
    }

    static boolean isFieldId(String key) {
        return FIELD_ID.matcher(key).matches();
    }

    /**
     * The field id of each key: a key that is an id stays as it is, and when all are ids no request is made; a name
     * is looked up in the schema (read again once when a name is not in it).
     *
     * @param argument the argument the keys came from, for the refusal
     * @throws ToolCallException naming the argument and listing the table's fields, when a name is unknown or names
     *         several fields; nothing has been sent to change anything
     */
    public Map<String, String> resolve(String tableId, Collection<String> keys, String argument) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            if (isFieldId(key)) {
                ids.put(key, key);
            } else {
                names.add(key);
            }
        }
        if (names.isEmpty()) {
            return ids;
        }
        ClayTable table;
        try {
            ClayTable cached = get(tableId);
            table = names.stream().anyMatch(n -> matches(cached, n).isEmpty()) ? fresh(tableId) : cached;
        } catch (ClayException e) {
            if (e.kind() == ClayException.Kind.NOT_OFFERED) {
                throw new ToolCallException("Invalid argument " + argument + ": " + names.get(0) + " is not a field id "
                        + "(f_…), and field names can only be looked up where get_table works, which this server's "
                        + "CLAY_API_DIALECT=documented rules out. Give field ids. Nothing was sent to Clay.");
            }
            throw e;
        }
        for (String name : names) {
            List<ClayTable.Field> found = matches(table, name);
            if (found.size() != 1) {
                throw new ToolCallException("Invalid argument " + argument + ": '" + name + "' "
                        + (found.isEmpty() ? "is neither a field id nor the name of a field" : "is the name of "
                                + found.size() + " fields (" + found.stream().map(ClayTable.Field::id).toList()
                                + "): give the id")
                        + " of table '" + tableId + "'. Its fields: " + listing(table) + ". Nothing was sent to Clay.");
            }
            ids.put(name, found.get(0).id());
        }
        return ids;
    }

    private static List<ClayTable.Field> matches(ClayTable table, String name) {
        return table.fields().stream().filter(f -> f.name() != null && f.name().equals(name)).toList();
    }

    /** The table's fields as "name (id)", cut short for a big table. */
    static String listing(ClayTable table) {
        List<String> shown = table.fields().stream().limit(NAMES_SHOWN).map(f -> f.name() + " (" + f.id() + ")")
                .toList();
        String more = table.fields().size() > NAMES_SHOWN
                ? " and " + (table.fields().size() - NAMES_SHOWN) + " more (get_table lists them all)" : "";
        return (shown.isEmpty() ? "none" : String.join(", ", shown)) + more;
    }
}

package dev.claymcp.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON line per mutating tool call on the {@code clay.audit} logger (its own stderr handler, see
 * application.properties): time, tool, who called it, ids, counts and outcome; and, for calls that send several
 * requests, a line before each, so that what reached Clay can be told from stderr even when the process is killed
 * half-way. Callers pass ids and counts only, never cell values, cookies or tokens.
 */
@Singleton
public class AuditLog {

    public static final String CATEGORY = "clay.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The caller of the tool call running on this thread, set by {@link ToolCallInterceptor}. */
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    /** Ends the caller of a call on this thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Names the caller of the tool call on this thread until the scope is closed; null names nobody. */
    Scope caller(String caller) {
        String previous = CALLER.get();
        CALLER.set(caller);
        return () -> CALLER.set(previous);
    }

    public void record(String tool, String outcome, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("tool", tool);
        line.put("outcome", outcome);
        String caller = CALLER.get();
        if (caller != null) {
            line.put("caller", caller);
        }
        line.putAll(fields);
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.infof("{\"tool\":\"%s\",\"outcome\":\"%s\",\"note\":\"fields not serialisable\"}", tool, outcome);
        }
    }

    /**
     * The line written just before one of several requests of a call leaves (outcome {@code sending}): what it
     * carries, so that a call killed half-way can still be accounted for.
     */
    public void sending(String tool, Map<String, Object> fields) {
        record(tool, "sending", fields);
    }
}

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
 * application.properties): time, tool, ids, counts and outcome. Callers pass ids and counts only, never cell values,
 * cookies or tokens.
 */
@Singleton
public class AuditLog {

    public static final String CATEGORY = "clay.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final ObjectMapper JSON = new ObjectMapper();

    public void record(String tool, String outcome, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("tool", tool);
        line.put("outcome", outcome);
        line.putAll(fields);
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.infof("{\"tool\":\"%s\",\"outcome\":\"%s\",\"note\":\"fields not serialisable\"}", tool, outcome);
        }
    }
}

package dev.claymcp.clay;

import java.util.Map;

/** A row to add: its unique id and its cells keyed by field id. */
public record NewRecord(String id, Map<String, Object> cells) {
}

package dev.claymcp.clay;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Clay table operations the tools use, one method per upstream endpoint. {@link HttpClayTables} calls Clay;
 * the sandbox simulates it in memory. Failures are {@link ClayException}s whose message is fit for an agent.
 * <p>
 * Callers pass ids already checked by the tools layer; implementations still never let an id change the path.
 */
public interface ClayTables {

    long countRows(String tableId);

    /** Every record id of the view, in the view's order. */
    List<String> recordIds(String tableId, String viewId);

    /** Clay's answer as it came. */
    JsonNode sources(String tableId);

    /** Adds the records in one request; all or nothing as far as the caller can tell. */
    void addRecords(String tableId, List<NewRecord> records);

    /** Starts an enrichment run; returns Clay's answer as it came (may be a JSON null). */
    JsonNode runEnrichment(String tableId, EnrichmentRun run);

    /** Adds a webhook source; returns Clay's answer as it came. */
    JsonNode addWebhookSource(String tableId, String workspaceId, String name);

    void deleteRecord(String tableId, String recordId);

    void deleteSource(String tableId, String sourceId);

    void deleteAllRecords(String tableId);
}

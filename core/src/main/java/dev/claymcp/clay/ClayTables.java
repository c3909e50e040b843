package dev.claymcp.clay;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Clay operations the tools use. {@link HttpClayTables} calls Clay, in the form of each request that
 * {@link ClayDialect} chooses; the sandbox simulates it in memory. Failures are {@link ClayException}s whose message
 * is fit for an agent.
 * <p>
 * Callers pass ids already checked by the tools layer; implementations still never let an id change the path.
 */
public interface ClayTables {

    /** Most ids one bulk fetch or one batch delete carries. */
    int BATCH = 100;

    /**
     * Fails, with nothing sent, when no request could be sent now (no cookie configured, a cookie file that cannot
     * give one): a tool that announces what it is about to send checks this first.
     */
    default void checkSendable() {
    }

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

    /**
     * Empties the table with one request, where this Clay has one.
     *
     * @return false when this Clay has no such request (nothing was deleted): delete the rows by id instead
     */
    boolean deleteAllRecords(String tableId);

    /** Deletes these records (at most {@link #BATCH}) in one request. */
    void deleteRecords(String tableId, List<String> recordIds);

    /** The table's schema: fields and views. */
    ClayTable table(String tableId);

    /**
     * The records with these ids, in Clay's order, without deleted or unknown ones; with the full value of the listed
     * enrichment fields. Fetched {@link #BATCH} ids at a time.
     */
    List<ClayRecord> records(String tableId, List<String> recordIds, List<String> fullValueFieldIds);

    /** The tables of a workspace, those inside workbooks included. */
    List<TableSummary> tables(String workspaceId);

    /** How far each enrichment field of the table has run, by field id. */
    Map<String, FieldRunStatus> runStatus(String workspaceId, String tableId);
}

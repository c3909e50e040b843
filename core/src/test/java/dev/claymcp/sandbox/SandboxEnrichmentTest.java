package dev.claymcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayRecord;
import dev.claymcp.clay.EnrichmentRun;
import dev.claymcp.clay.NewRecord;

/** The sandbox's whole loop, on a clock the test moves: schema, run, statuses, results. */
class SandboxEnrichmentTest {

    long now = 0;
    final SandboxClayTables sandbox = new SandboxClayTables(100, () -> now);

    @Test
    void fieldsComeFromTheKeysUsedAndEveryTableHasAnEnrichmentAndAView() {
        sandbox.addRecords("t_1", List.of(new NewRecord("r1", Map.of("f_email", "ada@example.com"))));
        var table = sandbox.table("t_1");
        assertEquals(List.of("f_email", SandboxClayTables.ENRICHMENT_ID),
                table.fields().stream().map(f -> f.id()).toList());
        assertEquals("email", table.field("f_email").name());
        assertTrue(table.field(SandboxClayTables.ENRICHMENT_ID).enrichment());
        assertEquals(SandboxClayTables.VIEW_ID, table.firstViewId());
    }

    @Test
    void aRunIsQueuedThenRunningThenSucceedsWithTheSameValueForTheSameRow() {
        sandbox.addRecords("t_1", List.of(new NewRecord("r1", Map.of("f_email", "a")),
                new NewRecord("r2", Map.of("f_email", "b")), new NewRecord("r3", Map.of())));
        var answer = sandbox.runEnrichment("t_1", new EnrichmentRun(List.of(SandboxClayTables.ENRICHMENT_ID),
                SandboxClayTables.VIEW_ID, 2));
        assertEquals(2, answer.get("recordCount").asInt());

        assertEquals(Map.of("QUEUED", 2L), sandbox.runStatus("0", "t_1").get(SandboxClayTables.ENRICHMENT_ID).counts());
        now += SandboxClayTables.QUEUED_FOR;
        assertEquals(Map.of("RUNNING", 2L), sandbox.runStatus("0", "t_1").get(SandboxClayTables.ENRICHMENT_ID).counts());
        now += SandboxClayTables.RUNNING_FOR;
        var done = sandbox.runStatus("0", "t_1").get(SandboxClayTables.ENRICHMENT_ID);
        assertEquals(Map.of("SUCCESS", 2L), done.counts());
        assertTrue(done.done());

        List<ClayRecord> rows = sandbox.records("t_1", List.of("r1", "r3", "nope"),
                List.of(SandboxClayTables.ENRICHMENT_ID));
        assertEquals(List.of("r1", "r3"), rows.stream().map(ClayRecord::id).toList(), "unknown ids are left out");
        ClayRecord.Cell cell = rows.get(0).cells().get(SandboxClayTables.ENRICHMENT_ID);
        assertEquals("SUCCESS", cell.status());
        assertEquals(SandboxClayTables.result("t_1", "r1", Map.of("f_email", "a")), cell.fullValue());
        assertNull(rows.get(1).cells().get(SandboxClayTables.ENRICHMENT_ID), "r3 was not run");
    }

    @Test
    void onlyTheEnrichmentRunsAndItsCellsAreNotWrittenByHand() {
        sandbox.addRecords("t_1", List.of(new NewRecord("r1", Map.of("f_email", "a"))));
        assertThrows(ClayException.class, () -> sandbox.runEnrichment("t_1",
                new EnrichmentRun(List.of("f_email"), SandboxClayTables.VIEW_ID, 1)));
        assertThrows(ClayException.class, () -> sandbox.addRecords("t_1",
                List.of(new NewRecord("r2", Map.of(SandboxClayTables.ENRICHMENT_ID, "x")))));
    }
}

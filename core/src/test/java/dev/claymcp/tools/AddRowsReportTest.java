package dev.claymcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The report of an add_rows call, complete or stopped part-way, as the agent reads it. */
class AddRowsReportTest {

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "r" + i).toList();
    }

    @Test
    void aCompleteCallListsEveryId() {
        AddRowsReport.Result done = AddRowsReport.complete("t_a", ids(3));
        assertEquals(3, done.added());
        assertEquals(ids(3), done.recordIds());
        assertNull(done.notAdded());
        assertEquals(Map.of("added", 3), done.auditFields());
    }

    @Test
    void aCallRefusedPartWaySaysWhatWasAddedAndWhatToSendAgain() {
        AddRowsReport.Partial p = AddRowsReport.partial("t_a", ids(10), 4, 0, true, 100, "Clay refused a chunk.");

        assertEquals("Clay refused a chunk. 4 of 10 rows were added (the 4 rows 0-3, ids r0 … r3). NOT added: the 6 "
                + "rows 4-9 (ids r4 … r9); send only these again.", p.text());
        assertEquals(List.of("r0", "r1", "r2", "r3"), p.result().recordIds());
        assertEquals(6, p.result().notAdded());
        assertEquals(4, p.result().firstNotAddedRow());
        assertFalse(p.result().sentNothing());
    }

    @Test
    void rowsWithoutAClearAnswerAreNamedAsUncertain() {
        AddRowsReport.Partial p = AddRowsReport.partial("t_a", ids(5), 2, 2, true, 100, "Clay did not answer in time.");

        assertEquals("Clay did not answer in time. 2 of 5 rows were added (the 2 rows 0-1, ids r0, r1). Clay gave no "
                + "clear answer for the 2 rows 2-3 (ids r2, r3): they may or may not have been added; check with "
                + "count_rows or list_record_ids before sending them again. NOT added: row 4 (id r4); send only it "
                + "again.", p.text());
        assertEquals(List.of("r2", "r3"), p.result().uncertainIds());
        assertEquals(Map.of("added", 2, "uncertain", 2, "notAdded", 1), p.result().auditFields());
    }

    @Test
    void manyUncertainIdsAreShortenedInTextAndAddedIdsCappedInContent() {
        AddRowsReport.Partial p = AddRowsReport.partial("t_a", ids(60), 30, 25, true, 10, "Stopped.");

        assertTrue(p.text().contains("ids r30, r31, r32, r33, r34, r35, r36, r37, r38, r39, r40, r41, r42, r43, r44, "
                + "r45, r46, r47, r48, r49 and 5 more, all in structuredContent.uncertainIds"), p.text());
        assertTrue(p.text().endsWith("structuredContent.recordIds holds the first 10 added ids; list_record_ids shows "
                + "what the table holds."), p.text());
        assertEquals(10, p.result().recordIds().size());
        assertEquals(Boolean.TRUE, p.result().recordIdsTruncated());
        assertEquals(25, p.result().uncertainIds().size());
    }

    @Test
    void aCallStoppedBeforeAnythingReachedClaySentNothing() {
        AddRowsReport.Partial p = AddRowsReport.partial("t_a", ids(1), 0, 0, false, 100, "Stopped: shutting down.");
        assertEquals("Stopped: shutting down. 0 of 1 rows were added. NOT added: row 0 (id r0); send only it again.",
                p.text());
        assertTrue(p.result().sentNothing());
        assertEquals(0, p.result().firstNotAddedRow());
    }
}

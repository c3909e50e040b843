package dev.claymcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.NewRecord;

/**
 * The sandbox is bounded whatever a caller sends (over HTTP it is shared by every session): a request it refuses
 * leaves nothing behind, not even an empty table.
 */
class SandboxLimitsTest {

    @Test
    void refusedAddsToNewTablesCreateNoTables() {
        SandboxClayTables clay = new SandboxClayTables(1);
        clay.addRecords("t_kept", List.of(new NewRecord("r1", Map.of("f_a", "x"))));

        for (int i = 0; i < 100; i++) {
            String table = "t_new" + i;
            assertThrows(ClayException.class, () -> clay.addRecords(table,
                    List.of(new NewRecord("r1", Map.of("f_a", "x")))), "the sandbox is full");
            // an enrichment column's cells are refused too
            assertThrows(ClayException.class, () -> clay.addRecords(table,
                    List.of(new NewRecord("r2", Map.of(SandboxClayTables.ENRICHMENT_ID, "x")))));
        }

        assertEquals(List.of("t_kept"), clay.tables("1").stream().map(t -> t.id()).toList());
    }

    @Test
    void refusedSourcesCreateNoTables() {
        SandboxClayTables clay = new SandboxClayTables(10);
        for (int i = 0; i < SandboxClayTables.MAX_SOURCES; i++) {
            clay.addWebhookSource("t_sources", "1", "hook " + i);
        }
        for (int i = 0; i < 100; i++) {
            String table = "t_new" + i;
            assertThrows(ClayException.class, () -> clay.addWebhookSource(table, "1", "one too many"));
        }

        assertEquals(List.of("t_sources"), clay.tables("1").stream().map(t -> t.id()).toList());
    }

    @Test
    void tablesAndTheirFieldsAreBounded() {
        SandboxClayTables clay = new SandboxClayTables(100_000);
        for (int i = 0; i < SandboxClayTables.MAX_TABLES; i++) {
            clay.addRecords("t_" + i, List.of(new NewRecord("r", Map.of("f_a", "x"))));
        }
        ClayException full = assertThrows(ClayException.class,
                () -> clay.addRecords("t_one_more", List.of(new NewRecord("r", Map.of("f_a", "x")))));
        assertTrue(full.getMessage().startsWith("The sandbox is full: it holds at most 1000 tables."), full.getMessage());
        clay.addRecords("t_0", List.of(new NewRecord("r2", Map.of("f_a", "y"))));

        // fields a table learnt stay when its rows go: adding and deleting rows with new keys cannot grow it forever
        for (int round = 0; round < 4; round++) {
            Map<String, Object> cells = new java.util.HashMap<>();
            for (int f = 0; f < 150; f++) {
                cells.put("f_" + round + "_" + f, "v");
            }
            int r = round;
            if (round < 3) {
                clay.addRecords("t_1", List.of(new NewRecord("wide" + r, cells)));
                clay.deleteRecord("t_1", "wide" + r);
            } else {
                ClayException tooWide = assertThrows(ClayException.class,
                        () -> clay.addRecords("t_1", List.of(new NewRecord("wide" + r, cells))));
                assertTrue(tooWide.getMessage().contains("at most 500 fields"), tooWide.getMessage());
            }
        }
        assertEquals(1 + 3 * 150 + 1, clay.table("t_1").fields().size(), "f_a, the three rounds, the enrichment");
    }
}

package dev.claymcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayTable;
import dev.claymcp.clay.NewRecord;
import dev.claymcp.sandbox.SandboxTables;

/** Field names looked up in a schema kept a short while, on the test's clock, against the sandbox's Clay. */
class TableSchemasTest {

    long now = 0;
    final AtomicInteger reads = new AtomicInteger();
    final SandboxTables.Counting clay = SandboxTables.counting(reads);
    final TableSchemas schemas = new TableSchemas(clay, Duration.ofSeconds(60), () -> now);

    @Test
    void idsNeedNoRequestAndNamesAreLookedUpInASchemaKeptAMinute() {
        clay.addRecords("t_1", List.of(new NewRecord("r1", Map.of("f_email", "a", "f_name", "b"))));

        assertEquals(Map.of("f_email", "f_email"), schemas.resolve("t_1", List.of("f_email"), "cells"));
        assertEquals(0, reads.get(), "ids only: no request");

        assertEquals(Map.of("email", "f_email", "f_name", "f_name"), schemas.resolve("t_1", List.of("email", "f_name"),
                "cells"));
        assertEquals(1, reads.get());
        schemas.resolve("t_1", List.of("name"), "cells");
        assertEquals(1, reads.get(), "kept");
        now += Duration.ofSeconds(61).toNanos();
        schemas.resolve("t_1", List.of("name"), "cells");
        assertEquals(2, reads.get(), "read again after a minute");
    }

    @Test
    void anUnknownNameReadsTheSchemaAgainOnceThenIsRefusedWithTheFields() {
        clay.addRecords("t_1", List.of(new NewRecord("r1", Map.of("f_email", "a"))));
        schemas.get("t_1");
        ToolCallException e = assertThrows(ToolCallException.class,
                () -> schemas.resolve("t_1", List.of("Emial"), "rows[].cells"));
        assertEquals("Invalid argument rows[].cells: 'Emial' is neither a field id nor the name of a field of table "
                + "'t_1'. Its fields: email (f_email), Sandbox enrichment (f_sandbox_enrichment). Nothing was sent to "
                + "Clay.", e.getMessage());
        assertEquals(2, reads.get(), "read once, then once again for the unknown name");

        // a name added meanwhile is found by that second read
        clay.addRecords("t_1", List.of(new NewRecord("r2", Map.of("f_phone", "1"))));
        assertEquals(Map.of("phone", "f_phone"), schemas.resolve("t_1", List.of("phone"), "cells"));
    }

    @Test
    void aNameOfTwoFieldsIsAmbiguous() {
        ClayTable twice = new ClayTable("t_2", "T", "0", null, null, List.of(new ClayTable.Field("f_a", "Email", "text"),
                new ClayTable.Field("f_b", "Email", "text")), List.of());
        TableSchemas fixed = new TableSchemas(new SandboxTables.Fixed(twice), Duration.ofSeconds(60), () -> now);
        ToolCallException e = assertThrows(ToolCallException.class, () -> fixed.resolve("t_2", List.of("Email"), "f"));
        assertTrue(e.getMessage().startsWith("Invalid argument f: 'Email' is the name of 2 fields ([f_a, f_b]): give "
                + "the id of table 't_2'."), e.getMessage());
    }
}

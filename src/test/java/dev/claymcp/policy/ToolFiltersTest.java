package dev.claymcp.policy;

import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;

/** CLAY_TOOLS allows, CLAY_EXCLUDE_TOOLS hides, and exclusion wins. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = {
        @ResourceArg(name = "clay.tools", value = "count_rows, delete_row,add_rows"),
        @ResourceArg(name = "clay.exclude-tools", value = "delete_row") })
class ToolFiltersTest extends ClayToolTest {

    @Test
    void listsTheAllowedToolsLessTheExcluded() {
        client.when().toolsList(page -> assertEquals(List.of("add_rows", "count_rows"),
                page.tools().stream().map(t -> t.name()).sorted().toList())).thenAssertResults();
    }

    @Test
    void hiddenToolsAreRefusedByNameWithoutCallingClay() {
        for (Map.Entry<String, Map<String, Object>> c : Map.of(
                "delete_row", args("tableId", "t_abc", "recordId", "r1"),
                "list_sources", args("tableId", "t_abc")).entrySet()) {
            var answer = call(client, c.getKey(), c.getValue());
            assertTrue(answer.isError());
            assertEquals("The tool " + c.getKey() + " is not available: it is turned off in this server's "
                    + "configuration (CLAY_TOOLS / CLAY_EXCLUDE_TOOLS). Nothing was sent to Clay. Available tools: "
                    + "add_rows, count_rows.", text(answer));
        }
        assertNothingReachedClay();
    }
}

package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ToolCalls;

/** CLAY_READ_ONLY=true: only the three read-only tools are listed, and the others are refused by name. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = @ResourceArg(name = "clay.read-only", value = "true"))
class ReadOnlyModeTest extends ClayToolTest {

    static final List<String> READ_ONLY = List.of("count_rows", "list_record_ids", "list_sources");

    @Test
    void listsOnlyTheReadOnlyTools() {
        client.when().toolsList(page -> assertEquals(READ_ONLY,
                page.tools().stream().map(t -> t.name()).sorted().toList())).thenAssertResults();
    }

    @Test
    void refusesEveryOtherToolWithoutCallingClay() {
        for (ToolCalls c : ToolCalls.all()) {
            if (READ_ONLY.contains(c.tool())) {
                continue;
            }
            var answer = call(client, c.tool(), c.arguments());
            assertTrue(answer.isError(), c.tool());
            assertEquals("The tool " + c.tool() + " is not available: this server runs read-only "
                    + "(CLAY_READ_ONLY=true), so tools that change data are turned off. Nothing was sent to Clay. "
                    + "Available tools: count_rows, list_record_ids, list_sources.", text(answer));
        }
        assertNothingReachedClay();
    }

    @Test
    void readOnlyToolsStillWork() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":2}")));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
    }
}

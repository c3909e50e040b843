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
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;
import dev.claymcp.support.SampleArguments;

/**
 * CLAY_READ_ONLY=true with CLAY_TOOLS=count_rows,list_sources,delete_row,add_rows and CLAY_EXCLUDE_TOOLS=delete_row:
 * only the read-only tools that are allowed and not excluded are listed, and every other tool of the server's own
 * registry is refused by name, with the reason, before anything reaches Clay. A tool added later is covered here
 * without editing this test.
 */
@QuarkusTest
@TestProfile(Profiles.Restricted.class)
class PolicyModesTest extends ClayToolTest {

    static final Set<String> ALLOWED = Set.of("count_rows", "list_sources", "delete_row", "add_rows");

    @Inject
    ToolManager tools;

    private Set<String> expectedEnabled() {
        Set<String> enabled = new TreeSet<>();
        for (ToolInfo tool : tools) {
            boolean readOnly = tool.annotations().map(a -> a.readOnlyHint()).orElse(false);
            if (readOnly && ALLOWED.contains(tool.name()) && !tool.name().equals("delete_row")) {
                enabled.add(tool.name());
            }
        }
        return enabled;
    }

    @Test
    void listsOnlyTheAllowedReadOnlyTools() {
        assertEquals(Set.of("count_rows", "list_sources"), expectedEnabled(), "the registry's read-only tools");
        client.when().toolsList(page -> assertEquals(List.copyOf(expectedEnabled()),
                page.tools().stream().map(t -> t.name()).sorted().toList())).thenAssertResults();
    }

    @Test
    void refusesEveryOtherToolOfTheRegistryWithTheReasonAndWithoutCallingClay() {
        Set<String> enabled = expectedEnabled();
        int refused = 0;
        int mutating = 0;
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (ToolInfo tool : tools) {
                if (enabled.contains(tool.name())) {
                    continue;
                }
                JsonObject definition = tool.asJson();
                var answer = call(client, tool.name(), SampleArguments.forSchema(definition.getJsonObject("inputSchema")));
                boolean readOnly = tool.annotations().map(a -> a.readOnlyHint()).orElse(false);
                String why = readOnly
                        ? "it is turned off in this server's configuration (CLAY_TOOLS / CLAY_EXCLUDE_TOOLS)"
                        : "this server runs read-only (CLAY_READ_ONLY=true), so tools that change data are turned off";
                assertTrue(answer.isError(), tool.name());
                assertEquals("The tool " + tool.name() + " is not available: " + why + ". Nothing was sent to Clay. "
                        + "Available tools: count_rows, list_sources.", text(answer));
                refused++;
                mutating += readOnly ? 0 : 1;
            }
            long mutatingRefused = logs.lines("clay.audit").stream().filter(l -> l.contains("\"outcome\":\"refused\""))
                    .count();
            assertEquals(mutating, mutatingRefused, "an audit line for each refused mutating tool");
        }
        assertEquals(11, refused);
        assertNothingReachedClay();
    }

    @Test
    void theEnabledToolsStillWork() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":2}")));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
    }
}

package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ObservedClay;
import dev.claymcp.support.Profiles;

/**
 * CLAY_API_DIALECT=documented: only the contract's requests, even to a Clay that answers the observed way; the calls
 * the contract lacks answer that this Clay API does not offer them, and send nothing. Reads stay tolerant.
 */
@QuarkusTest
@TestProfile(Profiles.Documented.class)
class DocumentedDialectTest extends ClayToolTest {

    @BeforeEach
    void standIn() {
        ObservedClay.stub(clay); // today's Clay: what the documented requests meet there
    }

    @Test
    void theCallsTheContractLacksAreNotOfferedAndSendNothing() {
        for (var call : List.<Map.Entry<String, Map<String, Object>>>of(
                Map.entry("get_table", args("tableId", "t_abc")),
                Map.entry("read_rows", args("tableId", "t_abc", "viewId", "gv_v1")),
                Map.entry("list_tables", args("workspaceId", "42")),
                Map.entry("enrichment_status", args("tableId", "t_abc")))) {
            ToolResponse answer = call(client, call.getKey(), call.getValue());
            assertTrue(answer.isError(), call.getKey());
            assertTrue(text(answer).startsWith("This server talks to Clay as documented in its contract "
                    + "(CLAY_API_DIALECT=documented), which has no call for "), text(answer));
            assertTrue(text(answer).endsWith("Set CLAY_API_DIALECT=auto (the default) or observed to use it."));
        }
        assertNothingReachedClay();
    }

    @Test
    void fieldNamesNeedTheSchemaSoOnlyIdsAreTaken() {
        ToolResponse answer = call(client, "add_rows", args("tableId", "t_abc", "rows",
                List.of(Map.of("cells", Map.of("Email", "ada@example.com")))));
        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument rows[].cells: Email is not a field id (f_…), and field "
                + "names can only be looked up where get_table works"), text(answer));
        assertNothingReachedClay();
    }

    /** A missing route is said to be one, with what to set; the observed request is never tried. */
    @Test
    void aMissingRouteIsNeverBlamedOnTheIdAndNothingElseIsTried() {
        ToolResponse sources = call(client, "list_sources", args("tableId", "t_abc"));
        assertEquals("This Clay API has no route for listing a table's sources (HTTP 404 NoMatchingURL), so nothing was "
                + "done; the ids you gave are not the problem. This server sends the requests of its documented "
                + "contract (CLAY_API_DIALECT=documented); Clay as it answers today takes others: set "
                + "CLAY_API_DIALECT=auto (or observed).", text(sources));
        ToolResponse row = call(client, "delete_row", args("tableId", "t_abc", "recordId", "r1"));
        assertTrue(text(row).startsWith("This Clay API has no route for deleting one row (HTTP 404 NoMatchingURL)"));

        clay.verify(0, getRequestedFor(urlEqualTo("/v3/sources?tableId=t_abc")));
        clay.verify(0, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    @Test
    void readsAreTolerantInEveryDialect() {
        assertEquals(3, structured(call(client, "count_rows", args("tableId", "t_abc"))).getInteger("count"));
        assertEquals(3, structured(call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1")))
                .getInteger("total"));
    }
}

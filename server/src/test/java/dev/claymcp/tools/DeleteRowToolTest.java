package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

@QuarkusTest
@TestProfile(Profiles.Standard.class)
class DeleteRowToolTest extends ClayToolTest {

    @Test
    void deletesExactlyThatRecord() {
        clay.stubFor(delete("/v3/tables/t_abc/records/r1").willReturn(aResponse().withStatus(204)));

        ToolResponse answer = call(client, "delete_row", args("tableId", "t_abc", "recordId", "r1"));

        assertEquals(new JsonObject().put("tableId", "t_abc").put("recordId", "r1").put("deleted", true),
                structured(answer));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records/r1"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
        assertEquals(1, clay.getAllServeEvents().size());
    }

    @Test
    void anUnknownRecordIsNamedInTheError() {
        clay.stubFor(delete("/v3/tables/t_abc/records/r404").willReturn(aResponse().withStatus(404)));

        ToolResponse answer = call(client, "delete_row", args("tableId", "t_abc", "recordId", "r404"));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Clay found no record 'r404' in table 't_abc' (HTTP 404)."), text(answer));
    }

    /** Peers' "delete one row" with an empty id sends DELETE .../records, which wipes the table. */
    @Test
    void aBlankOrEmptyOrMissingIdNeverBecomesTheDeleteAllRequest() {
        for (Map<String, Object> arguments : List.<Map<String, Object>>of(
                args("tableId", "t_abc", "recordId", ""),
                args("tableId", "t_abc", "recordId", "   "),
                args("tableId", "t_abc", "recordId", "\t\n"),
                args("tableId", "t_abc"),
                args("tableId", "t_abc", "recordId", "."),
                args("tableId", "t_abc", "recordId", ".."))) {
            ToolResponse answer = call(client, "delete_row", arguments);
            assertTrue(answer.isError(), arguments.toString());
            assertTrue(text(answer).contains("recordId"), text(answer));
        }
        assertNothingReachedClay();
    }
}

package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.*;


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
class DeleteAllRowsToolTest extends ClayToolTest {

    @Test
    void countsThenDeletesAndReportsTheCount() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":42}")));
        clay.stubFor(delete("/v3/tables/t_abc/records").willReturn(aResponse().withStatus(204)));

        ToolResponse answer = call(client, "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"));

        assertEquals(new JsonObject().put("tableId", "t_abc").put("deleted", true).put("rowsBefore", 42),
                structured(answer));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
    }

    @Test
    void refusesWithoutAMatchingConfirmAndSendsNothing() {
        for (Object confirm : new Object[] { "t_other", "yes", "T_ABC", "" }) {
            ToolResponse answer = call(client, "delete_all_rows", args("tableId", "t_abc", "confirm", confirm));
            assertTrue(answer.isError());
            assertTrue(text(answer).startsWith("Refused: confirm must equal tableId ('t_abc')"), text(answer));
        }
        ToolResponse missing = call(client, "delete_all_rows", args("tableId", "t_abc"));
        assertTrue(missing.isError());
        assertTrue(text(missing).contains("confirm"), text(missing));
        assertNothingReachedClay();
    }

    @Test
    void aFailedCountDeletesNothing() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(500)));

        ToolResponse answer = call(client, "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"));

        assertTrue(answer.isError());
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }
}

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
class DeleteSourceToolTest extends ClayToolTest {

    @Test
    void deletesTheSourceWithoutAskingAClientThatCannotBeAsked() {
        clay.stubFor(delete("/v3/tables/t_abc/sources/s_x").willReturn(okJson("{}")));

        ToolResponse answer = call(client, "delete_source", args("tableId", "t_abc", "sourceId", "s_x"));

        assertEquals(new JsonObject().put("tableId", "t_abc").put("sourceId", "s_x").put("deleted", true),
                structured(answer));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/sources/s_x"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
        assertEquals(1, clay.getAllServeEvents().size(), "no source lookup without elicitation");
    }

    @Test
    void anUnknownSourceIsNamedInTheError() {
        clay.stubFor(delete("/v3/tables/t_abc/sources/s_gone").willReturn(aResponse().withStatus(404)));

        ToolResponse answer = call(client, "delete_source", args("tableId", "t_abc", "sourceId", "s_gone"));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Clay found no source 's_gone' in table 't_abc'"), text(answer));
    }

    @Test
    void aSourceIdWithSlashesIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "delete_source", args("tableId", "t_abc", "sourceId", "../records"));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument sourceId"), text(answer));
        assertNothingReachedClay();
    }
}

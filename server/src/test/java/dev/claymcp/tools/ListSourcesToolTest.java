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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

@QuarkusTest
@TestProfile(Profiles.Standard.class)
class ListSourcesToolTest extends ClayToolTest {

    @Test
    void keepsClaysAnswerAsItCame() {
        String sources = "[{\"id\":\"s_1\",\"name\":\"Webhook\",\"type\":\"webhook\",\"state\":{\"url\":\"https://x\"}}]";
        clay.stubFor(get("/v3/tables/t_abc/sources").willReturn(okJson(sources)));

        JsonObject result = structured(call(client, "list_sources", args("tableId", "t_abc")));

        assertEquals("t_abc", result.getString("tableId"));
        assertEquals(new JsonArray(sources), result.getJsonArray("sources"));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/sources"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
    }

    @Test
    void aTableIdWithAPathInItIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "list_sources", args("tableId", "t_abc/records"));

        assertTrue(answer.isError());
        assertTrue(text(answer).contains("tableId"));
        assertNothingReachedClay();
    }
}

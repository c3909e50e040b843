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
class AddWebhookSourceToolTest extends ClayToolTest {

    static final String EXPECTED_BODY = """
            {"tableSettings":{},"fieldGroupMap":{},"sourceSettings":{"addSource":{"name":"Webhook","source":{
              "name":"Leads from Zapier","workspaceId":"123456","type":"webhook","typeSettings":{
                "urlSlugText":"Pull in data from a Webhook","iconType":"Webhook","name":"Webhook",
                "description":"Send any data to Clay","stages":[]}}}}}""";

    @Test
    void sendsTheAddSourceDocumentAndPicksOutUrlAndId() {
        String upstream = """
                {"table":{"id":"t_abc","sources":[{"id":"s_old","name":"Old"},
                  {"id":"s_new","name":"Leads from Zapier","state":{"url":"https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-abc"}}]}}""";
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc")).willReturn(okJson(upstream)));

        ToolResponse answer = call(client, "add_webhook_source",
                args("tableId", "t_abc", "workspaceId", "123456", "name", "Leads from Zapier"));

        JsonObject result = structured(answer);
        assertEquals("s_new", result.getString("sourceId"));
        assertEquals("https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-abc", result.getString("webhookUrl"));
        assertEquals("Leads from Zapier", result.getString("name"));
        assertEquals(new JsonObject(upstream), result.getJsonObject("upstream"));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(EXPECTED_BODY)));
    }

    @Test
    void anAnswerWithoutUrlOrIdKeepsUpstreamAndGivesNulls() {
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc")).willReturn(okJson("{\"ok\":true}")));

        JsonObject result = structured(call(client, "add_webhook_source",
                args("tableId", "t_abc", "workspaceId", "123456", "name", "Hook")));

        assertNull(result.getValue("sourceId"));
        assertNull(result.getValue("webhookUrl"));
        assertEquals(new JsonObject().put("ok", true), result.getJsonObject("upstream"));
    }

    @Test
    void aFailedAddIsNotRetried() {
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc")).willReturn(aResponse().withStatus(503)));

        ToolResponse answer = call(client, "add_webhook_source", args("tableId", "t_abc", "workspaceId", "1", "name", "Hook"));

        assertTrue(answer.isError());
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc")));
    }

    @Test
    void aBlankNameIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "add_webhook_source", args("tableId", "t_abc", "workspaceId", "1", "name", " "));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument name"), text(answer));
        assertNothingReachedClay();
    }
}

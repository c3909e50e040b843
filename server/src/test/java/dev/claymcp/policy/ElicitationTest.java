package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Mcp;
import dev.claymcp.support.Profiles;

/** A client that supports elicitation is asked before a table is emptied or a source removed. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class ElicitationTest extends ClayToolTest {

    private McpStreamableTestClient asking() {
        return McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
    }

    /** Calls the tool, answers the elicitation it raises, and returns the question and the tool's answer. */
    private ToolResponse callAndAnswer(McpStreamableTestClient asking, String tool, Map<String, Object> arguments,
            JsonObject elicitationResult, AtomicReference<JsonObject> question) {
        AtomicReference<ToolResponse> answer = new AtomicReference<>();
        var pending = asking.when().toolsCall(tool).withArguments(arguments).withAssert(answer::set).send();
        JsonObject request = asking.waitForRequests(1).requests().get(0);
        question.set(request);
        asking.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                .put("result", elicitationResult));
        pending.thenAssertResults();
        return answer.get();
    }

    @Test
    void deleteAllRowsShowsTheRowCountAndDeletesWhenAccepted() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":42}")));
        clay.stubFor(delete("/v3/tables/t_abc/records").willReturn(aResponse().withStatus(204)));
        AtomicReference<JsonObject> question = new AtomicReference<>();

        ToolResponse answer = callAndAnswer(asking(), "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"),
                new JsonObject().put("action", "accept").put("content", new JsonObject().put("confirm", true)), question);

        assertEquals("elicitation/create", question.get().getString("method"));
        assertEquals("Delete ALL 42 rows of Clay table t_abc? This cannot be undone.",
                question.get().getJsonObject("params").getString("message"));
        assertFalse(answer.isError(), Mcp.text(answer));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    @Test
    void deleteAllRowsDeletesNothingWhenDeclined() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":42}")));
        AtomicReference<JsonObject> question = new AtomicReference<>();

        ToolResponse answer = callAndAnswer(asking(), "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"),
                new JsonObject().put("action", "decline"), question);

        assertTrue(answer.isError());
        assertTrue(Mcp.text(answer).startsWith("Nothing was changed: the user did not confirm."), Mcp.text(answer));
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void acceptingWithoutTickingConfirmDeletesNothing() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":3}")));
        AtomicReference<JsonObject> question = new AtomicReference<>();

        ToolResponse answer = callAndAnswer(asking(), "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"),
                new JsonObject().put("action", "accept").put("content", new JsonObject().put("confirm", false)), question);

        assertTrue(answer.isError());
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void deleteSourceNamesTheSourceAndDeletesWhenAccepted() {
        clay.stubFor(get("/v3/tables/t_abc/sources")
                .willReturn(okJson("[{\"id\":\"s_x\",\"name\":\"Zapier leads\",\"type\":\"webhook\"}]")));
        clay.stubFor(delete("/v3/tables/t_abc/sources/s_x").willReturn(okJson("{}")));
        AtomicReference<JsonObject> question = new AtomicReference<>();

        ToolResponse answer = callAndAnswer(asking(), "delete_source", args("tableId", "t_abc", "sourceId", "s_x"),
                new JsonObject().put("action", "accept").put("content", new JsonObject().put("confirm", true)), question);

        assertTrue(question.get().getJsonObject("params").getString("message")
                .startsWith("Delete the source 'Zapier leads' (s_x) from Clay table t_abc?"));
        assertFalse(answer.isError(), Mcp.text(answer));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/sources/s_x")));
    }

    @Test
    void anAnswerThatIsNotAYesOrNoDeletesNothing() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":3}")));
        for (JsonObject result : List.of(
                new JsonObject().put("action", "accept").put("content", new JsonObject().put("confirm", "true")),
                new JsonObject().put("action", "accept"))) {
            AtomicReference<JsonObject> question = new AtomicReference<>();
            ToolResponse answer = callAndAnswer(asking(), "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc"),
                    result, question);

            assertTrue(answer.isError());
            assertEquals("Nothing was changed: the confirmation answer did not say yes or no (confirm must be true or "
                    + "false). Ask the user again.", Mcp.text(answer));
        }
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void deleteSourceDeletesNothingWhenCancelled() {
        clay.stubFor(get("/v3/tables/t_abc/sources").willReturn(okJson("[]")));
        AtomicReference<JsonObject> question = new AtomicReference<>();

        ToolResponse answer = callAndAnswer(asking(), "delete_source", args("tableId", "t_abc", "sourceId", "s_x"),
                new JsonObject().put("action", "cancel"), question);

        assertTrue(answer.isError());
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }
}

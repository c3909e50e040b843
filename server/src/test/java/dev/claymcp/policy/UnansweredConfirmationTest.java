package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * A client that declares elicitation but never shows the form (as Claude Cowork does), or answers it with an error,
 * gets an answer after CLAY_ELICITATION_TIMEOUT (1 s here, 20 s by default, never more than 30 s), and nothing is
 * deleted.
 */
@QuarkusTest
@TestProfile(Profiles.Limits.class)
class UnansweredConfirmationTest extends ClayToolTest {

    static final String NO_ANSWER = "Nothing was changed: the confirmation request shown to the user got no answer "
            + "within 1 s. If this client does not show confirmation forms, ask the user in the conversation instead; "
            + "the server's operator can set CLAY_ELICITATION=off.";

    private McpStreamableTestClient declaringElicitation() {
        return McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .build().connect();
    }

    @Test
    void aQuestionNobodyAnswersChangesNothing() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":42}")));
        AtomicReference<ToolResponse> answer = new AtomicReference<>();

        declaringElicitation().when().toolsCall("delete_all_rows").withArguments(args("tableId", "t_abc", "confirm", "t_abc"))
                .withAssert(answer::set).send().thenAssertResults();

        assertTrue(answer.get().isError());
        assertEquals(NO_ANSWER, Mcp.text(answer.get()));
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aQuestionAnsweredWithAnErrorChangesNothing() {
        clay.stubFor(get("/v3/tables/t_abc/sources").willReturn(okJson("[]")));
        McpStreamableTestClient client = declaringElicitation();
        AtomicReference<ToolResponse> answer = new AtomicReference<>();

        var pending = client.when().toolsCall("delete_source").withArguments(args("tableId", "t_abc", "sourceId", "s_x"))
                .withAssert(answer::set).send();
        JsonObject question = client.waitForRequests(1).requests().get(0);
        client.sendAndForget(new JsonObject().put("jsonrpc", "2.0").put("id", question.getValue("id"))
                .put("error", new JsonObject().put("code", -32601).put("message", "Method not found")));
        pending.thenAssertResults();

        assertTrue(answer.get().isError());
        assertEquals(NO_ANSWER, Mcp.text(answer.get()));
        clay.verify(0, deleteRequestedFor(anyUrl()));
    }
}

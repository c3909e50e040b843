package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;
import dev.claymcp.support.ToolCalls;

/**
 * The canary cookie reaches Clay's Cookie header and nowhere else: not results, errors or logs, even when Clay echoes
 * it back, in its own letter case or percent-encoded, in an error message or inside data passed through as it came.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class SessionCookieTest extends ClayToolTest {

    /** Clay answers that carry the cookie, in every form an echo can take. */
    private static List<ResponseDefinitionBuilder> echoingAnswers() {
        List<ResponseDefinitionBuilder> answers = new ArrayList<>();
        for (String echo : Canary.echoes()) {
            JsonArray sources = new JsonArray().add(new JsonObject().put("id", "s_1").put("name", "hook " + echo)
                    .put(echo, "as a field name").put("nested", new JsonArray().add(echo)));
            answers.add(okJson(new JsonObject().put("count", 1).put("recordIds", new JsonArray()).put("echo", echo)
                    .put("sources", sources).put("webhookUrl", "https://hooks.example/" + echo).encode()));
            answers.add(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody(new JsonObject().put("message", "bad cookie " + echo).encode()));
        }
        answers.add(aResponse().withStatus(401));
        answers.add(aResponse().withStatus(500));
        return answers;
    }

    @Test
    void theCookieAppearsInNoResultErrorOrLogLine() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (var response : echoingAnswers()) {
                clay.resetAll();
                clay.stubFor(any(anyUrl()).willReturn(response));
                for (ToolCalls call : ToolCalls.all()) {
                    ToolResponse answer = call(client, call.tool(), call.arguments());
                    String shown = text(answer) + " " + answer.structuredContent();
                    assertFalse(Canary.leaksIn(shown), call.tool() + ": " + shown);
                }
            }
            assertFalse(Canary.leaksIn(logs.all()), "logs hold the cookie");
            assertTrue(logs.lines("clay.audit").size() > 0, "audit lines were captured, so the check saw them");
        }
    }

    @Test
    void anEchoIsReplacedAndTheRestOfClaysAnswerKept() {
        clay.stubFor(get("/v3/tables/t_abc/sources").willReturn(okJson(new JsonArray()
                .add(new JsonObject().put("id", "s_1").put("name", "hook " + Canary.COOKIE.toUpperCase())).encode())));

        var answer = call(client, "list_sources", args("tableId", "t_abc"));

        assertFalse(answer.isError());
        JsonObject source = ((JsonObject) answer.structuredContent()).getJsonArray("sources").getJsonObject(0);
        assertTrue(source.getString("id").equals("s_1") && source.getString("name").equals("hook [redacted]"),
                source.encode());
    }

    @Test
    void aRejectedCookieSaysWhereItCameFromButNotWhatItIs() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(401)));

        String message = text(call(client, "count_rows", args("tableId", "t_abc")));

        assertTrue(message.contains("the cookie came from CLAY_SESSION_COOKIE, loaded at "), message);
        assertFalse(Canary.leaksIn(message), message);
    }
}

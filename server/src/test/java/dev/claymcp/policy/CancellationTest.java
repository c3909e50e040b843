package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.Profiles;

/** A client that cancels, or ends its session, stops the call: no further chunk, no further retry. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class CancellationTest extends ClayToolTest {

    private JsonObject toolCall(String tool, JsonObject arguments) {
        JsonObject request = client.newRequest("tools/call");
        request.put("params", new JsonObject().put("name", tool).put("arguments", arguments));
        return request;
    }

    private void cancel(JsonObject request) {
        JsonObject cancel = client.newMessage("notifications/cancelled");
        cancel.put("params", new JsonObject().put("requestId", request.getValue("id")).put("reason", "user stopped it"));
        client.sendAndForget(cancel);
    }

    @Test
    void cancellingAddRowsStopsBeforeTheNextChunkAndReportsWhatWasAdded() {
        // each chunk takes a second, so the cancel arrives while the first is on its way
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}").withFixedDelay(1000)));
        JsonArray rows = new JsonArray();
        for (int i = 0; i < 300; i++) {
            rows.add(new JsonObject().put("id", "c" + i));
        }
        JsonObject request = toolCall("add_rows", new JsonObject().put("tableId", "t_abc").put("rows", rows));

        client.sendAndForget(request);
        Conditions.await(Duration.ofSeconds(30), "the first chunk reached Clay", () -> clay.getAllServeEvents().size() == 1);
        cancel(request);
        JsonObject result = client.waitForResponse(request).getJsonObject("result");

        assertTrue(result.getBoolean("isError"));
        assertTrue(result.getJsonArray("content").getJsonObject(0).getString("text")
                .startsWith("Stopped: the client cancelled the call. 100 of 300 rows were added"), result.encode());
        assertEquals(200, result.getJsonObject("structuredContent").getInteger("notAdded"));
        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    /** Starts a count_rows that Clay answers 503 with "retry in ten seconds", and returns once Clay saw it. */
    private JsonObject aReadWaitingToRetry() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "10")));
        JsonObject request = toolCall("count_rows", new JsonObject().put("tableId", "t_abc"));
        client.sendAndForget(request);
        Conditions.await(Duration.ofSeconds(30), "the first attempt reached Clay", () -> clay.getAllServeEvents().size() == 1);
        return request;
    }

    @Test
    void cancellingAReadStopsItsRetries() {
        // the cancel ends the ten-second wait, and no second request is sent
        JsonObject request = aReadWaitingToRetry();
        cancel(request);
        JsonObject result = client.waitForResponse(request).getJsonObject("result");

        assertTrue(result.getBoolean("isError"));
        assertTrue(result.getJsonArray("content").getJsonObject(0).getString("text")
                .startsWith("Clay answered with a server error (HTTP 503)."), result.encode());
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
    }

    @Test
    void endingTheSessionStopsARetryingRead() {
        aReadWaitingToRetry();
        given().header("Mcp-Session-Id", client.mcpSessionId()).delete("/mcp").then().statusCode(200);
        Conditions.await(Duration.ofSeconds(30), "the call stopped", () -> lifecycleIdle());

        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
    }

    @jakarta.inject.Inject
    ServerLifecycle lifecycle;

    private boolean lifecycleIdle() {
        return lifecycle.runningCalls() == 0;
    }
}

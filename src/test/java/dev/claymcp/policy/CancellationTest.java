package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;

/** A client that cancels add_rows stops it at the next chunk boundary. */
@QuarkusTest
@WithTestResource(ClayStub.class)
class CancellationTest extends ClayToolTest {

    @Test
    void cancellingStopsBeforeTheNextChunk() throws InterruptedException {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}").withFixedDelay(1000)));
        JsonArray rows = new JsonArray();
        for (int i = 0; i < 300; i++) {
            rows.add(new JsonObject().put("id", "c" + i));
        }
        JsonObject request = client.newRequest("tools/call");
        request.put("params", new JsonObject().put("name", "add_rows")
                .put("arguments", new JsonObject().put("tableId", "t_abc").put("rows", rows)));

        client.sendAndForget(request);
        awaitRequests(1); // the first chunk is on its way
        JsonObject cancel = client.newMessage("notifications/cancelled");
        cancel.put("params", new JsonObject().put("requestId", request.getValue("id")).put("reason", "user stopped it"));
        client.sendAndForget(cancel);
        Thread.sleep(2500); // long enough for two more chunks, were they sent

        clay.verify(1, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    private void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (clay.getAllServeEvents().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, clay.getAllServeEvents().size(), "requests that reached Clay");
    }
}

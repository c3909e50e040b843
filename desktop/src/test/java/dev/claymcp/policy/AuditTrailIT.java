package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * Attack run finding 9: a server killed half-way through a bulk add left 40 rows in Clay and no audit line. Every
 * request that adds rows is now announced on stderr before it leaves, so stderr accounts for everything Clay got,
 * whatever happens to the process next.
 */
class AuditTrailIT {

    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aServerKilledHalfWayHasAnnouncedEveryRequestThatReachedClay() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}").withFixedDelay(200)));
        JsonArray rows = new JsonArray();
        for (int i = 0; i < 100; i++) {
            rows.add(new JsonObject().put("id", "row-" + i));
        }
        ServerProcess server = ServerProcess.start(Map.of("CLAY_SESSION_COOKIE", Canary.COOKIE,
                "CLAY_API_URL", clay.baseUrl(), "CLAY_ADD_ROWS_CHUNK_SIZE", "10"));
        try {
            server.initialize();
            server.send(ServerProcess.toolCall(1, "add_rows", new JsonObject().put("tableId", "t_abc").put("rows", rows)));
            Conditions.await(Duration.ofSeconds(60), "four chunks to reach Clay",
                    () -> clay.getAllServeEvents().size() >= 4);
            server.kill();
            server.waitFor(Duration.ofSeconds(30));
        } finally {
            server.close();
        }

        List<JsonObject> sending = server.stderr().lines().filter(l -> l.startsWith("{") && l.contains("\"sending\""))
                .map(JsonObject::new).toList();
        clay.getAllServeEvents().forEach(event -> {
            JsonArray records = new JsonObject(event.getRequest().getBodyAsString()).getJsonArray("records");
            String first = records.getJsonObject(0).getString("id");
            String last = records.getJsonObject(records.size() - 1).getString("id");
            assertTrue(sending.stream().anyMatch(l -> l.getString("tool").equals("add_rows")
                    && l.getString("tableId").equals("t_abc") && l.getString("firstId").equals(first)
                    && l.getString("lastId").equals(last)),
                    "the request with rows " + first + "-" + last + " was announced: " + sending);
        });
        assertTrue(sending.size() <= clay.getAllServeEvents().size() + 1,
                "at most one announced request did not arrive (the one in flight): " + sending);
    }
}

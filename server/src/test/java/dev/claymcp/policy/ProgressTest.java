package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** 250 rows arrive in three requests, with a progress notification after each when the client asked for them. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class ProgressTest extends ClayToolTest {

    @Test
    void addRowsReportsProgressPerChunk() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(Map.of("id", "p" + i));
        }

        client.when().toolsCall("add_rows").withArguments(args("tableId", "t_abc", "rows", rows))
                .withMetadata(Map.of("progressToken", "tok-1"))
                .withAssert(r -> assertFalse(r.isError())).send().thenAssertResults();

        List<JsonObject> progress = client.waitForNotifications(3).notifications().stream()
                .filter(n -> "notifications/progress".equals(n.getString("method")))
                .map(n -> n.getJsonObject("params")).toList();
        assertEquals(List.of(100, 200, 250), progress.stream().map(p -> p.getInteger("progress")).toList());
        progress.forEach(p -> {
            assertEquals("tok-1", p.getString("progressToken"));
            assertEquals(250, p.getInteger("total"));
        });
        assertEquals("Added 250 of 250 rows", progress.get(2).getString("message"));
        clay.verify(3, postRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }

    @Test
    void withoutAProgressTokenNoNotificationIsSent() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));

        client.when().toolsCall("add_rows").withArguments(args("tableId", "t_abc", "rows", List.of(Map.of("id", "a"))))
                .withAssert(r -> assertFalse(r.isError())).send().thenAssertResults();

        assertEquals(0, client.snapshot().notifications().stream()
                .filter(n -> "notifications/progress".equals(n.getString("method"))).count());
    }
}

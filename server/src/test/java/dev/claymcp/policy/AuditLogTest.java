package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** Every mutating call leaves one JSON audit line: ids, counts and outcome, never cell values or secrets. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class AuditLogTest extends ClayToolTest {

    @Test
    void mutatingCallsAreAuditedWithoutValuesOrSecrets() {
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{}")));
        clay.stubFor(delete("/v3/tables/t_abc/records/r9").willReturn(aResponse().withStatus(404)));
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":1}")));
        try (CapturedLogs logs = CapturedLogs.start()) {
            call(client, "add_rows", args("tableId", "t_abc", "rows",
                    List.of(Map.of("id", "r1", "cells", Map.of("f_email", "ada@secret.example")), Map.of("id", "r2"))));
            call(client, "delete_row", args("tableId", "t_abc", "recordId", "r9"));
            call(client, "count_rows", args("tableId", "t_abc"));
            call(client, "delete_all_rows", args("tableId", "t_abc", "confirm", "wrong"));

            List<JsonObject> all = logs.lines("clay.audit").stream()
                    .map(l -> new JsonObject(l.substring(l.indexOf('{')))).toList();
            // before each request that adds rows, a line saying which rows leave (a call killed then is accounted for)
            JsonObject sending = all.get(0).copy();
            sending.remove("time");
            assertEquals(new JsonObject().put("tool", "add_rows").put("outcome", "sending").put("tableId", "t_abc")
                    .put("rows", "0-1").put("firstId", "r1").put("lastId", "r2"), sending);
            List<JsonObject> lines = all.stream().filter(l -> !l.getString("outcome").equals("sending")).toList();
            assertEquals(3, lines.size(), "one line per mutating call, none for reads: " + lines);
            JsonObject added = lines.get(0);
            assertEquals("add_rows", added.getString("tool"));
            assertEquals("ok", added.getString("outcome"));
            assertEquals("t_abc", added.getString("tableId"));
            assertEquals(2, added.getInteger("added"));
            assertTrue(added.getString("time").endsWith("Z"));
            JsonObject deleted = lines.get(1);
            assertEquals("delete_row", deleted.getString("tool"));
            assertEquals("error", deleted.getString("outcome"));
            assertEquals("NOT_FOUND", deleted.getString("error"));
            assertEquals(404, deleted.getInteger("status"));
            assertEquals("r9", deleted.getString("recordId"));
            assertEquals("delete_all_rows", lines.get(2).getString("tool"));
            assertEquals("refused", lines.get(2).getString("outcome"));
            String text = String.join("\n", logs.lines("clay.audit"));
            assertFalse(text.contains("ada@secret.example"));
            assertFalse(Canary.leaksIn(text));
        }
    }
}

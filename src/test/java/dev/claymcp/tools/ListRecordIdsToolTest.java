package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;

@QuarkusTest
@WithTestResource(ClayStub.class)
class ListRecordIdsToolTest extends ClayToolTest {

    private void viewHolds(int n) {
        JsonArray ids = new JsonArray();
        for (int i = 0; i < n; i++) {
            ids.add("r" + i);
        }
        clay.stubFor(get("/v3/tables/t_abc/views/gv_v1/records/ids")
                .willReturn(okJson(new JsonObject().put("recordIds", ids).encode())));
    }

    @Test
    void firstPageUsesTheDefaultLimitAndPointsToTheNext() {
        viewHolds(2500);

        ToolResponse answer = call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1"));

        JsonObject result = structured(answer);
        assertEquals(2500, result.getInteger("total"));
        assertEquals(0, result.getInteger("offset"));
        assertEquals(1000, result.getInteger("limit"));
        assertEquals(1000, result.getJsonArray("recordIds").size());
        assertEquals("r0", result.getJsonArray("recordIds").getString(0));
        assertEquals("r999", result.getJsonArray("recordIds").getString(999));
        assertEquals(1000, result.getInteger("nextOffset"));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/views/gv_v1/records/ids"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
    }

    @Test
    void lastPageHasANullNextOffset() {
        viewHolds(2500);

        JsonObject result = structured(call(client, "list_record_ids",
                args("tableId", "t_abc", "viewId", "gv_v1", "offset", 2000, "limit", 1000)));

        assertEquals(List.of("r2000", "r2499"), List.of(result.getJsonArray("recordIds").getString(0),
                result.getJsonArray("recordIds").getString(499)));
        assertEquals(500, result.getJsonArray("recordIds").size());
        assertTrue(result.containsKey("nextOffset"), "nextOffset is present, as null");
        assertNull(result.getValue("nextOffset"));
    }

    @Test
    void anOffsetPastTheEndGivesAnEmptyPage() {
        viewHolds(3);

        JsonObject result = structured(call(client, "list_record_ids",
                args("tableId", "t_abc", "viewId", "gv_v1", "offset", 10)));

        assertEquals(0, result.getJsonArray("recordIds").size());
        assertEquals(3, result.getInteger("total"));
        assertNull(result.getValue("nextOffset"));
    }

    @Test
    void aLimitOverTenThousandIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1", "limit", 10001));

        assertTrue(answer.isError());
        assertEquals("Invalid argument limit: expected a whole number from 1 to 10000; got 10001.", text(answer));
        assertNothingReachedClay();
    }

    @Test
    void aNegativeOffsetIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1", "offset", -1));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument offset"), text(answer));
        assertNothingReachedClay();
    }

    @Test
    void aMalformedViewIdIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv v1"));

        assertTrue(answer.isError());
        assertTrue(text(answer).startsWith("Invalid argument viewId: expected a Clay view id"), text(answer));
        assertNothingReachedClay();
    }
}

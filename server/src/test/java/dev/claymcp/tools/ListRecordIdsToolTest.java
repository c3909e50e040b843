package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

@QuarkusTest
@TestProfile(Profiles.Standard.class)
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
        assertEquals("Invalid argument limit: expected a whole number from 1 to 10000; got 10001. Nothing was sent to "
                + "Clay.", text(answer));
        assertNothingReachedClay();
    }

    /** Numbers are read as sent: no rounding of fractions, no wrapping of numbers beyond 32 bits. */
    @ParameterizedTest
    @ValueSource(strings = { "1.5", "4294967299", "-4294967291", "1e400", "0", "10000.5" })
    void aLimitThatIsNotAWholeNumberInRangeIsRefusedBeforeClay(String limit) {
        ToolResponse answer = call(client, "list_record_ids",
                args("tableId", "t_abc", "viewId", "gv_v1", "limit", new java.math.BigDecimal(limit)));

        assertTrue(answer.isError(), text(answer));
        assertTrue(text(answer).startsWith("Invalid argument limit: expected a whole number from 1 to 10000; got "),
                text(answer));
        assertNothingReachedClay();
    }

    @Test
    void aWholeNumberWrittenWithADecimalPointIsAccepted() {
        viewHolds(5);

        JsonObject result = structured(call(client, "list_record_ids",
                args("tableId", "t_abc", "viewId", "gv_v1", "limit", 2.0)));

        assertEquals(2, result.getInteger("limit"));
        assertEquals(2, result.getJsonArray("recordIds").size());
    }

    /** Clay documents {"recordIds": [...]}, answers {"results": [...]} in practice; a bare array is read too. */
    @ParameterizedTest
    @ValueSource(strings = { "{\"recordIds\":[\"r1\",\"r2\",\"r3\"]}", "{\"results\":[\"r1\",\"r2\",\"r3\"]}",
            "[\"r1\",\"r2\",\"r3\"]", "{\"results\":[{\"id\":\"r1\"},{\"id\":\"r2\"},{\"id\":\"r3\"}]}" })
    void everyShapeOfClaysAnswerIsRead(String body) {
        clay.stubFor(get("/v3/tables/t_abc/views/gv_v1/records/ids").willReturn(okJson(body)));

        JsonObject result = structured(call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1")));

        assertEquals(new JsonArray().add("r1").add("r2").add("r3"), result.getJsonArray("recordIds"));
        assertEquals(3, result.getInteger("total"));
    }

    @Test
    void anAnswerWithoutIdsIsAClearError() {
        clay.stubFor(get("/v3/tables/t_abc/views/gv_v1/records/ids").willReturn(okJson("{\"records\":[]}")));

        ToolResponse answer = call(client, "list_record_ids", args("tableId", "t_abc", "viewId", "gv_v1"));

        assertTrue(answer.isError());
        assertEquals("Clay answered HTTP 200 without a list of record ids (recordIds, results or a bare array); the "
                + "API may have changed.", text(answer));
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

package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ObservedClay;
import dev.claymcp.support.Profiles;

/**
 * CLAY_API_DIALECT=auto: the documented request first, the observed one only when Clay proves the first did nothing
 * (a route that does not exist, a body that does not validate), remembered for the life of the process. What the
 * server learns lasts, so the cases that must see the documented request run first.
 */
@QuarkusTest
@TestProfile(Profiles.AutoDialect.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoDialectTest extends ClayToolTest {

    /** Clay's answer for a known route and an unknown id. */
    private static ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"NotFound\",\"message\":\"no\"}");
    }

    /** A wrong id, a server fault, a timeout: none proves nothing was done, so nothing else is ever sent. */
    @Test
    @Order(1)
    void noFallbackOnNotFoundOnAServerErrorOrOnATimeout() {
        clay.stubFor(delete("/v3/tables/t_abc/sources/s_404").willReturn(notFound()));
        ToolResponse notFound = call(client, "delete_source", args("tableId", "t_abc", "sourceId", "s_404"));
        assertTrue(text(notFound).startsWith("Clay found no source 's_404' in table 't_abc' (HTTP 404)."),
                text(notFound));

        clay.stubFor(delete("/v3/tables/t_abc/sources/s_503").willReturn(aResponse().withStatus(503)));
        ToolResponse serverError = call(client, "delete_source", args("tableId", "t_abc", "sourceId", "s_503"));
        assertTrue(text(serverError).startsWith("Clay answered with a server error (HTTP 503)."), text(serverError));

        // a run is never retried: a form body that got a 500, or no answer in time, may have started it
        clay.stubFor(patch("/v3/tables/t_500/run").willReturn(aResponse().withStatus(500)));
        ToolResponse runFailed = call(client, "run_enrichment", args("tableId", "t_500", "viewId", "gv_v1",
                "fieldIds", List.of("f_company"), "numRecords", 1));
        assertTrue(text(runFailed).startsWith("Clay answered with a server error (HTTP 500)."), text(runFailed));
        clay.stubFor(patch("/v3/tables/t_slow/run").willReturn(okJson("{}").withFixedDelay(5000)));
        ToolResponse runTimedOut = call(client, "run_enrichment", args("tableId", "t_slow", "viewId", "gv_v1",
                "fieldIds", List.of("f_company"), "numRecords", 1));
        assertTrue(text(runTimedOut).startsWith("Could not get an answer from Clay: it did not answer in time."),
                text(runTimedOut));

        clay.verify(0, deleteRequestedFor(urlPathEqualTo("/v3/sources/s_404")));
        clay.verify(0, deleteRequestedFor(urlPathEqualTo("/v3/sources/s_503")));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_500/run")));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_slow/run")));
    }

    /**
     * The observed single-row delete is DELETE …/records {"recordIds":[…]}: to a server of the documented contract,
     * the request that empties the table. A documented server never receives it: not after a 404 NotFound (a missing
     * row), not after a 405.
     */
    @Test
    @Order(2)
    void aDocumentedServerNeverReceivesTheDeleteByBody() {
        clay.stubFor(delete("/v3/tables/t_abc/records/r_missing").willReturn(notFound()));
        clay.stubFor(delete("/v3/tables/t_abc/records/r_405").willReturn(aResponse().withStatus(405)));
        clay.stubFor(delete("/v3/tables/t_abc/records/r1").willReturn(aResponse().withStatus(204)));

        ToolResponse missing = call(client, "delete_row", args("tableId", "t_abc", "recordId", "r_missing"));
        assertTrue(text(missing).startsWith("Clay found no record 'r_missing' in table 't_abc' (HTTP 404)."),
                text(missing));
        ToolResponse refused = call(client, "delete_row", args("tableId", "t_abc", "recordId", "r_405"));
        assertTrue(text(refused).startsWith("This Clay API has no route for deleting one row (HTTP 405), so nothing "
                + "was done; the ids you gave are not the problem."), text(refused));
        assertFalse(call(client, "delete_row", args("tableId", "t_abc", "recordId", "r1")).isError());

        clay.verify(0, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records/r1")));
    }

    @Test
    @Order(3)
    void aRunWhoseFormBodyIsRefusedUnreadIsSentAsJsonOnceAndThenAsJsonStraightAway() {
        ObservedClay.stub(clay);
        Map<String, Object> run = args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_company"),
                "numRecords", 2);

        JsonObject first = structured(call(client, "run_enrichment", run));
        assertEquals(5, first.getJsonObject("upstream").getInteger("recordCount"));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run"))
                .withHeader("Content-Type", containing("form-urlencoded")));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run"))
                .withHeader("Content-Type", containing("application/json")));

        clay.resetRequests();
        assertFalse(call(client, "run_enrichment", run).isError());
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run")));
        clay.verify(1, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run"))
                .withHeader("Content-Type", containing("application/json")));
    }

    @Test
    @Order(4)
    void listSourcesFallsBackWhenTheRouteIsMissingAndRemembers() {
        ObservedClay.stub(clay);

        JsonObject first = structured(call(client, "list_sources", args("tableId", "t_abc")));
        assertEquals("s_1", first.getJsonArray("sources").getJsonObject(0).getString("id"));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/sources")));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/sources?tableId=t_abc")));

        clay.resetRequests();
        assertFalse(call(client, "list_sources", args("tableId", "t_abc")).isError());
        clay.verify(0, getRequestedFor(urlEqualTo("/v3/tables/t_abc/sources")));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/sources?tableId=t_abc")));
    }

    /** Only NoMatchingURL on the single-record route lets the server use the body form, and then it keeps to it. */
    @Test
    @Order(5)
    void deleteRowUsesTheBodyFormOnlyAfterClaySaidTheSingleRecordRouteDoesNotExist() {
        ObservedClay.stub(clay);

        assertFalse(call(client, "delete_row", args("tableId", "t_abc", "recordId", "r2")).isError());
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records/r2")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))
                .withRequestBody(equalToJson("{\"recordIds\":[\"r2\"]}")));

        clay.resetRequests();
        assertFalse(call(client, "delete_row", args("tableId", "t_abc", "recordId", "r3")).isError());
        clay.verify(0, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records/r3")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))
                .withRequestBody(equalToJson("{\"recordIds\":[\"r3\"]}")));
    }

    @Test
    @Order(6)
    void deleteAllRowsDeletesByIdOnceClaySaysItHasNoDeleteAll() {
        ObservedClay.stub(clay);

        JsonObject first = structured(call(client, "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc",
                "viewId", "gv_v1")));
        assertEquals(3, first.getInteger("deletedRows"));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withRequestBody(absent()));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records"))
                .withRequestBody(matchingJsonPath("$.recordIds")));

        clay.resetRequests();
        assertFalse(call(client, "delete_all_rows", args("tableId", "t_abc", "confirm", "t_abc")).isError());
        clay.verify(0, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")).withRequestBody(absent()));
    }

    @Test
    @Order(7)
    void deleteSourceFallsBackToTheSourcesRoute() {
        ObservedClay.stub(clay);
        assertFalse(call(client, "delete_source", args("tableId", "t_abc", "sourceId", "s_1")).isError());
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/sources/s_1")));
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/sources/s_1"))
                .withRequestBody(equalToJson("{\"deleteRecords\":false}")));
    }

    /** read_rows fetches at most 100 ids a request: 250 rows are three requests. */
    @Test
    @Order(8)
    void twoHundredAndFiftyRowsAreFetchedInThreeBatches() {
        ObservedClay.stub(clay);
        JsonArray ids = new JsonArray();
        JsonArray records = new JsonArray();
        for (int i = 0; i < 250; i++) {
            ids.add("r" + i);
            records.add(new JsonObject().put("id", "r" + i).put("cells", new JsonObject()
                    .put("f_email", new JsonObject().put("value", "p" + i + "@example.com"))));
        }
        clay.stubFor(get("/v3/tables/t_abc/views/gv_all/records/ids").willReturn(okJson(new JsonObject()
                .put("results", ids).encode())));
        clay.stubFor(post("/v3/tables/t_abc/bulk-fetch-records").willReturn(okJson(new JsonObject()
                .put("results", records).encode())));

        JsonObject result = structured(call(client, "read_rows", args("tableId", "t_abc", "viewId", "gv_all",
                "limit", 250)));

        assertEquals(250, result.getJsonArray("rows").size());
        List<Integer> batches = clay.findAll(postRequestedFor(urlEqualTo("/v3/tables/t_abc/bulk-fetch-records")))
                .stream().map(r -> new JsonObject(r.getBodyAsString()).getJsonArray("recordIds").size()).toList();
        assertEquals(List.of(100, 100, 50), batches);
    }

    /** A bare table (not wrapped in "table") reads the same; long values are cut and say how long they were. */
    @Test
    @Order(9)
    void aBareTableAndLongValuesAndAPageTooBigForOneAnswer() {
        ObservedClay.stub(clay);
        clay.stubFor(get("/v3/tables/t_abc").willReturn(okJson(ObservedClay.table().encode())));
        String longText = "x".repeat(5000);
        JsonArray ids = new JsonArray();
        JsonArray records = new JsonArray();
        for (int i = 0; i < 80; i++) {
            ids.add("r" + i);
            records.add(new JsonObject().put("id", "r" + i).put("cells", new JsonObject()
                    .put("f_email", new JsonObject().put("value", longText))));
        }
        clay.stubFor(get("/v3/tables/t_abc/views/gv_v1/records/ids").willReturn(okJson(new JsonObject()
                .put("results", ids).encode())));
        clay.stubFor(post("/v3/tables/t_abc/bulk-fetch-records").willReturn(okJson(new JsonObject()
                .put("results", records).encode())));

        JsonObject result = structured(call(client, "read_rows", args("tableId", "t_abc", "limit", 80)));

        String value = result.getJsonArray("rows").getJsonObject(0).getJsonObject("cells").getJsonObject("f_email")
                .getString("value");
        assertEquals("x".repeat(2000) + "… [cut: 5000 characters in all]", value);
        int returned = result.getJsonArray("rows").size();
        assertTrue(returned < 80 && returned > 10, "about 100 KB of rows: " + returned);
        assertEquals(returned, result.getInteger("nextOffset"));
        assertTrue(result.encode().length() <= 110_000, "the answer stays readable: " + result.encode().length());
        assertTrue(result.getString("note").startsWith("Stopped after " + returned + " rows"), result.getString("note"));
        assertEquals("Email", result.getJsonArray("rows").getJsonObject(0).getJsonObject("cells")
                .getJsonObject("f_email").getString("name"), "a bare table is read as well as a wrapped one");
    }
}

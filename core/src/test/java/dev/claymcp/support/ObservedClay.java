package dev.claymcp.support;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for Clay as it answers today ({@code clay-observed-api.md}), built from what working public clients send
 * and read (not from a live Clay account): table {@code t_abc} in workspace {@code 42}, with three rows r1-r3 in view
 * {@code gv_v1}, a text field Email ({@code f_email}), a number field ({@code f_n}) and an enrichment Company
 * ({@code f_company}), a webhook source {@code s_1}. A request it does not know gets what Clay gives an unknown route,
 * 404 {@code NoMatchingURL}; so do the documented contract's routes that today's Clay lacks.
 */
public final class ObservedClay {

    public static final String TABLE = "t_abc";
    public static final String WORKSPACE = "42";

    private ObservedClay() {
    }

    public static ResponseDefinitionBuilder noMatchingUrl() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"NoMatchingURL\",\"message\":\"Invalid URL\"}");
    }

    public static ResponseDefinitionBuilder bodyErrors(String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(new JsonObject().put("type", "BadRequest").put("message", message)
                        .put("details", new JsonObject().put("bodyErrors", new JsonObject().put("issues",
                                new JsonArray().add(new JsonObject().put("message", message))))).encode());
    }

    /** The table's schema as Clay answers it: wrapped in {"table": …}. */
    public static JsonObject table() {
        return new JsonObject().put("id", TABLE).put("workspaceId", 42).put("name", "Leads")
                .put("workbookId", "wb_1").put("firstViewId", "gv_v1")
                .put("fields", new JsonArray()
                        .add(field("f_created_at", "Created At", "date"))
                        .add(field("f_email", "Email", "text"))
                        .add(field("f_n", "Employees", "number"))
                        .add(field("f_company", "Company", "action")))
                .put("views", new JsonArray().add(new JsonObject().put("id", "gv_v1").put("name", "Default view"))
                        .add(new JsonObject().put("id", "gv_all").put("name", "All rows")));
    }

    private static JsonObject field(String id, String name, String type) {
        return new JsonObject().put("id", id).put("tableId", TABLE).put("name", name).put("type", type)
                .put("typeSettings", new JsonObject().put("dataTypeSettings", new JsonObject().put("type", type)));
    }

    /** Stubs everything; a test may add stubs of its own, which win (they are newer). */
    public static void stub(WireMockServer clay) {
        clay.stubFor(any(anyUrl()).atPriority(10).willReturn(noMatchingUrl()));
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"tableTotalRecordsCount\":3}")));
        clay.stubFor(get("/v3/tables/t_abc/views/gv_v1/records/ids").willReturn(okJson("{\"results\":[\"r1\",\"r2\","
                + "\"r3\"]}")));
        clay.stubFor(get("/v3/sources?tableId=t_abc").willReturn(okJson("[{\"id\":\"s_1\",\"name\":\"Hook\","
                + "\"type\":\"webhook\",\"tableId\":\"t_abc\"}]")));
        clay.stubFor(post("/v3/tables/t_abc/records").willReturn(okJson("{\"records\":[]}")));
        clay.stubFor(patch("/v3/tables/t_abc/run").withHeader("Content-Type", containing("application/json"))
                .willReturn(okJson("{\"recordCount\":5,\"runMode\":\"BULK\"}")));
        clay.stubFor(patch("/v3/tables/t_abc/run").withHeader("Content-Type", containing("form-urlencoded"))
                .willReturn(bodyErrors("Expected object, received string")));
        clay.stubFor(patch("/v3/tables/t_abc").willReturn(okJson("{\"table\":{\"id\":\"t_abc\"},\"sources\":[{\"id\":"
                + "\"s_2\",\"name\":\"Hook\",\"typeSettings\":{\"url\":\"https://api.clay.com/v3/sources/webhook/x\"}}]}")));
        clay.stubFor(delete("/v3/tables/t_abc/records").withRequestBody(matchingJsonPath("$.recordIds"))
                .willReturn(okJson("{}")));
        clay.stubFor(delete("/v3/tables/t_abc/records").withRequestBody(absent())
                .willReturn(bodyErrors("Field 'recordIds' - Required")));
        clay.stubFor(delete("/v3/sources/s_1").withRequestBody(equalToJson("{\"deleteRecords\":false}"))
                .willReturn(okJson("{\"success\":true}")));
        clay.stubFor(get("/v3/tables/t_abc").willReturn(okJson(new JsonObject().put("table", table())
                .put("extraData", new JsonObject()).encode())));
        clay.stubFor(post("/v3/tables/t_abc/bulk-fetch-records").willReturn(okJson(records().encode())));
        clay.stubFor(get("/v3/workspaces/42/tables").willReturn(okJson("{\"results\":[{\"id\":\"t_abc\",\"name\":"
                + "\"Leads\",\"type\":\"spreadsheet\",\"workbookId\":\"wb_1\"},{\"id\":\"t_def\",\"name\":\"Accounts\","
                + "\"workbookId\":\"wb_2\"}]}")));
        clay.stubFor(get("/v3/workspaces/42/tables/t_abc/fields/runstatus").willReturn(okJson(
                "{\"statusCountsByField\":{\"f_company\":[{\"status\":\"SUCCESS\",\"count\":2},{\"status\":"
                        + "\"ERROR_INVALID_INPUT\",\"count\":1}]}}")));
    }

    /** The three rows as bulk fetch answers them: sparse cells, an enrichment with a preview and its full value. */
    static JsonObject records() {
        return new JsonObject().put("results", new JsonArray()
                .add(new JsonObject().put("id", "r1").put("tableId", TABLE).put("cells", new JsonObject()
                        .put("f_email", new JsonObject().put("value", "ada@example.com").put("metadata", new JsonObject()))
                        .put("f_n", new JsonObject().put("value", 12))
                        .put("f_company", new JsonObject().put("value", "Status Code: 200")
                                .put("metadata", new JsonObject().put("status", "SUCCESS").put("isPreview", true))
                                .put("externalContent", new JsonObject().put("fullValue",
                                        new JsonObject().put("name", "Analytical Engines Ltd")))))
                        .put("createdAt", "2026-12-01T10:00:00Z").put("updatedAt", "2026-12-01T10:05:00Z")
                        .putNull("deletedBy"))
                .add(new JsonObject().put("id", "r2").put("tableId", TABLE).put("cells", new JsonObject()
                        .put("f_email", new JsonObject().put("value", "grace@example.com"))
                        .put("f_company", new JsonObject().putNull("value")
                                .put("metadata", new JsonObject().put("status", "ERROR_INVALID_INPUT")))))
                .add(new JsonObject().put("id", "r3").put("tableId", TABLE).put("cells", new JsonObject()
                        .put("f_email", new JsonObject().put("value", "gone@example.com")))
                        .put("deletedBy", "u_9")));
    }

    /** The value every request to this stand-in carries, for tests that check it. */
    public static String cookieHeader() {
        return "claysession=" + Canary.COOKIE;
    }
}

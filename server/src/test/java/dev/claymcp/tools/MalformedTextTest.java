package dev.claymcp.tools;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * Text that is not well-formed Unicode (a lone UTF-16 surrogate, which JSON can spell as an escape) is refused, never
 * rewritten: sent on, it would become '?' and name, or store, something else.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class MalformedTextTest extends ClayToolTest {

    /** Calls a tool with its arguments written as raw JSON, so that they can hold escapes no Java string can. */
    private JsonObject callRaw(String tool, String arguments) {
        String body = given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Mcp-Session-Id", client.mcpSessionId())
                .body("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":" + arguments + "}}")
                .post("/mcp").then().statusCode(200).extract().asString();
        // the answer may come as JSON or as one server-sent event
        return new JsonObject(body.startsWith("{") ? body : body.substring(body.indexOf("data:") + 5).strip())
                .getJsonObject("result");
    }

    private void callRaw(String tool, String arguments, String expected) {
        JsonObject result = callRaw(tool, arguments);
        assertEquals(true, result.getBoolean("isError"), result.encode());
        String text = result.getJsonArray("content").getJsonObject(0).getString("text");
        assertTrue(text.contains(expected), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\ud800", "a\\udfffb", "\\ud83d" })
    void aRecordIdWithALoneSurrogateIsRefused(String id) {
        callRaw("delete_row", "{\"tableId\":\"t_abc\",\"recordId\":\"" + id + "\"}",
                "Invalid argument recordId: the text holds an unpaired UTF-16 surrogate");
        assertNothingReachedClay();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"x\\ud800\"", "[\"ok\",\"\\udc00\"]", "{\"k\":\"\\ud800\"}" })
    void aCellWithALoneSurrogateIsRefused(String cell) {
        callRaw("add_rows", "{\"tableId\":\"t_abc\",\"rows\":[{\"id\":\"r1\",\"cells\":{\"f_a\":" + cell + "}}]}",
                "the text holds an unpaired UTF-16 surrogate");
        assertNothingReachedClay();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\ud83d\\ude00", "caf\\u00e9" })
    void wellFormedTextIncludingPairsPasses(String id) {
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));

        JsonObject result = callRaw("delete_row", "{\"tableId\":\"t_abc\",\"recordId\":\"" + id + "\"}");

        assertEquals(false, result.getBoolean("isError"), result.encode());
    }
}

package dev.claymcp.transport.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * Malformed JSON-RPC over Streamable HTTP gets the right error code and a message that names the problem, instead
 * of no answer or an internal error; unknown notifications are accepted and not answered.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class JsonRpcOverHttpTest extends ClayToolTest {

    private RequestSpecification post(String body) {
        return given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Mcp-Session-Id", client.mcpSessionId()).body(body);
    }

    @Test
    void aToolsCallWithoutANameIsInvalidParams() {
        post("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}").post("/mcp")
                .then().statusCode(200).body("id", equalTo(11)).body("error.code", equalTo(-32602))
                .body("error.message", startsWith("Invalid params: tools/call needs params.name"));
    }

    @Test
    void argumentsThatAreNotAnObjectAreInvalidParams() {
        post("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"count_rows\","
                + "\"arguments\":[]}}").post("/mcp")
                .then().statusCode(200).body("id", equalTo(12)).body("error.code", equalTo(-32602))
                .body("error.message", startsWith("Invalid params: params.arguments of tools/call must be an object"));
    }

    @Test
    void aMethodThatIsNotAStringIsAnInvalidRequest() {
        post("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":42}").post("/mcp")
                .then().statusCode(200).body("id", equalTo(13)).body("error.code", equalTo(-32600));
    }

    /** Which of two values would count is up to whoever reads it: a key twice is refused, and nothing is run. */
    @Test
    void aKeyTwiceInOneObjectIsAnInvalidRequestAndNothingRuns() {
        post("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_all_rows\","
                + "\"arguments\":{\"tableId\":\"t_abc\",\"confirm\":\"t_abc\",\"tableId\":\"t_other\"}}}").post("/mcp")
                .then().statusCode(200).body("id", equalTo(14)).body("error.code", equalTo(-32600))
                .body("error.message", equalTo("Invalid Request: the key 'tableId' appears twice in one object; send each "
                        + "key once"));
        assertNothingReachedClay();
    }

    @Test
    void anUnknownNotificationIsAcceptedAndNotAnswered() {
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/made_up\"}").post("/mcp")
                .then().statusCode(202).body(emptyString());
    }
}

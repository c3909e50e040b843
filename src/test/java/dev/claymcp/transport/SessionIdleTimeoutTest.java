package dev.claymcp.transport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;

/** An HTTP session left idle longer than CLAY_MCP_SESSION_IDLE_TIMEOUT is gone. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = @ResourceArg(name = "clay.mcp.session-idle-timeout", value = "1s"))
class SessionIdleTimeoutTest extends ClayToolTest {

    @Test
    void theSettingReachesTheLibrary() {
        assertEquals("1s", ConfigProvider.getConfig().getValue("quarkus.mcp.server.connection-idle-timeout", String.class));
    }

    @Test
    void anIdleSessionExpires() throws InterruptedException {
        String session = client.mcpSessionId();
        client.when().toolsList(page -> assertEquals(9, page.size())).thenAssertResults();

        Thread.sleep(3000); // over the 1 s timeout, and over the 0.5 s sweep that follows it

        given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(404);
    }
}

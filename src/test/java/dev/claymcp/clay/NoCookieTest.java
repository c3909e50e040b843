package dev.claymcp.clay;

import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ToolCalls;

/** Without a cookie the server still lists its tools, and each call explains how to set one. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = @ResourceArg(name = "cookie", value = ""))
class NoCookieTest extends ClayToolTest {

    @Test
    void toolsAreListedAndEveryCallSaysHowToSetTheCookie() {
        client.when().toolsList(page -> assertEquals(9, page.size())).thenAssertResults();
        for (ToolCalls c : ToolCalls.all()) {
            var answer = call(client, c.tool(), c.arguments());
            assertTrue(answer.isError(), c.tool());
            assertTrue(text(answer).startsWith("No Clay session cookie is configured, so nothing was sent to Clay. "
                    + "Set CLAY_SESSION_COOKIE"), text(answer));
        }
        assertNothingReachedClay();
    }
}

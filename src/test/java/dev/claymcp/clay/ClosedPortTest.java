package dev.claymcp.clay;

import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ToolCalls;

/** A refused connection is a clear isError result, and the server goes on serving. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = @ResourceArg(name = "closedPort", value = "true"))
class ClosedPortTest extends ClayToolTest {

    @Test
    void aRefusedConnectionIsAClearErrorForEveryTool() {
        for (ToolCalls c : ToolCalls.all()) {
            var answer = call(client, c.tool(), c.arguments());
            assertTrue(answer.isError(), c.tool());
            assertTrue(text(answer).startsWith("Could not get an answer from Clay: the connection was refused. "
                    + "Check the network and CLAY_API_URL"), text(answer));
        }
        var again = call(client, "count_rows", args("tableId", "t_abc"));
        assertTrue(again.isError());
        assertFalse(text(again).contains("Internal error"));
        client.when().toolsList(page -> assertEquals(9, page.size())).thenAssertResults();
    }
}

package dev.claymcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * A tool registered in code rather than declared in a {@code @ClayTool} class never passes the policy's interceptor,
 * so the server never offers it: it is not listed, and calling it by name is refused before its code runs.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class ProgrammaticToolTest extends ClayToolTest {

    static final String NAME = "sneaky_delete_everything";

    @Inject
    ToolManager tools;

    final AtomicInteger ran = new AtomicInteger();

    @AfterEach
    void remove() {
        tools.removeTool(NAME);
    }

    @Test
    void aToolRegisteredInCodeIsNeitherListedNorCallable() {
        tools.newTool(NAME).setDescription("Deletes everything, with no policy in the way")
                .setAnnotations(new ToolAnnotations("Delete everything", false, true, false, true))
                .setHandler(args -> {
                    ran.incrementAndGet();
                    return ToolResponse.success("deleted");
                }).register();

        client.when()
                .toolsList(page -> assertFalse(page.tools().stream().anyMatch(t -> t.name().equals(NAME))))
                .toolsCall(NAME).withErrorAssert(error -> {
                    assertEquals(-32602, error.code());
                    assertTrue(error.message().contains(NAME), error.message());
                }).send()
                .thenAssertResults();

        assertEquals(0, ran.get(), "the handler never ran");
        assertNothingReachedClay();
    }
}

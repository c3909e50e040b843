package dev.claymcp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;

/**
 * The start-up check refuses a build in which a tool could be called outside the policy. (The classes below would
 * carry {@code @Tool} in real code; here the test names their methods as tools itself, because every {@code @Tool} in
 * the test sources would become a tool of the server the other tests start.)
 */
class ToolRegistryTest {

    @ClayTool
    static class Guarded {
        String guarded(String tableId, Cancellation cancellation, McpConnection connection) {
            return tableId;
        }
    }

    /** A tool class someone forgot to mark: a plain bean, as a developer might write it. */
    @Singleton
    static class Unguarded {
        String sneakyDelete(String tableId, Cancellation cancellation, McpConnection connection) {
            return tableId;
        }
    }

    @ClayTool
    static class Unstoppable {
        String unstoppable(String tableId) {
            return tableId;
        }
    }

    /** The check, for one tool implemented by the only method of that name in {@code type}. */
    private static List<String> problems(Class<?> type, String tool, String method) {
        Map<String, Method> methods = new java.util.HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                methods.put(tool, m);
            }
        }
        return ToolRegistry.problems(List.of(tool), methods);
    }

    @Test
    void aToolOfAClayToolClassThatCanBeStoppedPasses() {
        assertEquals(List.of(), problems(Guarded.class, "guarded", "guarded"));
        assertTrue(ToolRegistry.isGuarded(Guarded.class));
    }

    @Test
    void aToolOutsideAClayToolClassIsRefused() {
        assertFalse(ToolRegistry.isGuarded(Unguarded.class));
        assertEquals(List.of("tool sneaky_delete (" + Unguarded.class.getName()
                + ") must be declared in a class annotated @ClayTool"), problems(Unguarded.class, "sneaky_delete", "sneakyDelete"));
    }

    @Test
    void aToolThatCannotBeStoppedIsRefused() {
        assertEquals(List.of("tool unstoppable must take Cancellation and McpConnection parameters"),
                problems(Unstoppable.class, "unstoppable", "unstoppable"));
    }

    @Test
    void aToolWhoseMethodCannotBeFoundIsRefused() {
        assertEquals(List.of("tool ghost has no @Tool method on a bean"), problems(Guarded.class, "ghost", "nothing"));
    }
}

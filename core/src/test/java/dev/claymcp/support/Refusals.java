package dev.claymcp.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a refused configuration looks like from outside, for the desktop and the hosted build alike. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Starts the server with {@code env} (and a free HTTP port) and checks that it refuses to start in at most two
     * plain lines on stderr, the first starting with {@code expectedStart}: no stack trace, no cookie, nothing on
     * stdout, a non-zero exit.
     */
    public static void assertRefusedInPlainLines(Map<String, String> env, String expectedStart, Duration wait) {
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("QUARKUS_HTTP_PORT", Integer.toString(ServerProcess.freePort()));
        try (ServerProcess server = ServerProcess.start(withPort)) {
            assertNotEquals(0, server.waitFor(wait));
            List<String> lines = server.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.size() <= 2, "at most two lines:\n" + server.stderr());
            assertTrue(lines.get(0).startsWith(expectedStart), server.stderr());
            assertFalse(server.stderr().contains("Exception") || server.stderr().contains("\tat "), server.stderr());
            assertFalse(Canary.leaksIn(server.stderr()));
            assertEquals(List.of(), server.stdout());
        }
    }
}

package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Only whole JSON-RPC lines reach the client, each seen by the listener first; anything else goes to stderr. */
class StdoutWatcherTest {

    private final ByteArrayOutputStream client = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<String> seen = new ArrayList<>();

    private StdoutWatcher watcher(boolean pass) {
        return new StdoutWatcher(client, new PrintStream(stderr, true, StandardCharsets.UTF_8), (line, length) -> {
            seen.add(new String(line, 0, length, StandardCharsets.UTF_8));
            return pass;
        });
    }

    @Test
    void aLineWrittenInPiecesReachesTheClientWholeOnceItsNewlineComes() throws IOException {
        StdoutWatcher out = watcher(true);
        out.write("{\"jsonrpc\":\"2.0\",".getBytes(StandardCharsets.UTF_8));
        assertEquals("", client.toString(StandardCharsets.UTF_8));
        out.write("\"id\":1,\"result\":{}}\n{\"jsonrpc\"".getBytes(StandardCharsets.UTF_8));

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n", client.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), seen);
    }

    @Test
    void aLineThatIsNotAMessageGoesToStderrNotToTheClient() {
        PrintStream out = new PrintStream(watcher(true), true, StandardCharsets.UTF_8);
        out.println("Listening on port 8080");
        out.println("[1, 2");
        out.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}");

        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n", client.toString(StandardCharsets.UTF_8));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("kept off stdout (not a JSON-RPC message): Listening on port 8080"), err);
        assertTrue(err.contains("kept off stdout (not a JSON-RPC message): [1, 2"), err);
    }

    @Test
    void theListenerMayHoldALineBackAndTheGuardsOwnLinesGoOutWhole() {
        StdoutWatcher out = watcher(false);
        new PrintStream(out, true, StandardCharsets.UTF_8).println("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
        out.direct("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"early\":true}}");

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"early\":true}}\n", client.toString(StandardCharsets.UTF_8));
        assertEquals(1, seen.size());
    }
}

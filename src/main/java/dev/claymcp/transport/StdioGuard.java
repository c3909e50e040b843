package dev.claymcp.transport;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stands between the process's stdin/stdout and the MCP library's stdio transport, which gives up reading after one
 * unparsable line and exits on EOF while calls are still running.
 * <ul>
 * <li>Each stdin line is checked first: a blank or malformed line is answered here with a JSON-RPC -32700 parse error
 * (a JSON value that is not an object or array with -32600), and only well-formed messages reach the library.</li>
 * <li>Requests are tracked until their response is written; on stdin EOF the library is handed EOF only once every
 * request already received has been answered (or the drain timeout passed), so the process answers, then exits 0.</li>
 * </ul>
 * Both streams must be installed before Quarkus starts, because the library takes {@code System.in} and
 * {@code System.out} when its transport initialises.
 */
public final class StdioGuard {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader stdin;
    private final PrintStream stdout;
    private final PipedOutputStream toLibrary;
    private final Duration drainTimeout;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object drained = new Object();
    /** Counted down when the library first reads: the drain clock must not run while the JVM is still starting. */
    private final CountDownLatch libraryReading = new CountDownLatch(1);
    private static final Duration MAX_START = Duration.ofMinutes(2);

    private StdioGuard(InputStream in, PrintStream rawOut, PipedOutputStream toLibrary, Duration drainTimeout) {
        this.stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.toLibrary = toLibrary;
        this.drainTimeout = drainTimeout;
        this.stdout = new PrintStream(new ResponseWatcher(rawOut), true, StandardCharsets.UTF_8);
    }

    /**
     * Replaces {@code System.in} and {@code System.out} with guarded streams and starts pumping stdin.
     *
     * @return the stream the library will write protocol messages to
     */
    public static PrintStream install(Duration drainTimeout) throws IOException {
        PipedInputStream forLibrary = new PipedInputStream(1 << 20);
        PipedOutputStream toLibrary = new PipedOutputStream(forLibrary);
        StdioGuard guard = new StdioGuard(System.in, System.out, toLibrary, drainTimeout);
        System.setIn(new FilterInputStream(forLibrary) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                guard.libraryReading.countDown();
                return super.read(b, off, len);
            }

            @Override
            public int read() throws IOException {
                guard.libraryReading.countDown();
                return super.read();
            }
        });
        System.setOut(guard.stdout);
        Thread pump = new Thread(guard::pump, "clay-mcp-stdin");
        pump.setDaemon(true);
        pump.start();
        return guard.stdout;
    }

    private void pump() {
        try {
            String line;
            while ((line = stdin.readLine()) != null) {
                forward(line);
            }
        } catch (IOException e) {
            // stdin is gone: treat as EOF
        }
        awaitDrain();
        try {
            toLibrary.close();
        } catch (IOException ignored) {
            // the library is already gone
        }
    }

    private void forward(String line) throws IOException {
        JsonNode message;
        try {
            message = line.isBlank() ? null : JSON.readTree(line);
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (message == null) {
            error(-32700, "Parse error: each line must be one JSON-RPC message; this line is "
                    + (line.isBlank() ? "empty" : "not valid JSON"));
            return;
        }
        if (!message.isObject() && !message.isArray()) {
            error(-32600, "Invalid Request: a JSON-RPC message must be a JSON object");
            return;
        }
        for (JsonNode m : message.isArray() ? message : List.of(message)) {
            if (m.hasNonNull("method") && m.has("id")) {
                inFlight.add(m.get("id").toString());
            }
        }
        toLibrary.write((line.strip() + "\n").getBytes(StandardCharsets.UTF_8));
        toLibrary.flush();
    }

    private void error(int code, String message) {
        stdout.println("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":"
                + quoted(message) + "}}");
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"\"";
        }
    }

    private void awaitDrain() {
        try {
            libraryReading.await(MAX_START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (drained) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    System.err.println("clay-mcp-server: stdin closed; " + inFlight.size()
                            + " request(s) still unanswered after " + drainTimeout.toSeconds() + " s, exiting anyway");
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void answered(String line) {
        try {
            JsonNode message = JSON.readTree(line);
            for (JsonNode m : message.isArray() ? message : List.of(message)) {
                if (!m.has("method") && m.has("id") && (m.has("result") || m.has("error"))) {
                    inFlight.remove(m.get("id").toString());
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            return;
        }
        synchronized (drained) {
            drained.notifyAll();
        }
    }

    /** Passes bytes through to stdout and hands every complete line to {@link #answered}. */
    private final class ResponseWatcher extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        ResponseWatcher(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
            take(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                take(b[i]);
            }
        }

        private void take(int b) {
            if (b == '\n') {
                answered(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}

package dev.claymcp.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stands between the process's stdin/stdout and the MCP library's stdio transport, which gives up reading after one
 * unparsable line, answers some malformed messages wrongly, reads stdin in the platform charset, and exits on EOF
 * while calls are still running.
 * <ul>
 * <li>It is the {@code System.in} the library reads, so each line is checked on the library's own reader thread: a
 * line that is empty, not valid UTF-8, not JSON, too long, or not a well-formed JSON-RPC message is answered here
 * ({@link JsonRpcCheck}), and only well-formed messages reach the library, with every non-ASCII character written as a
 * JSON escape so that the platform charset cannot alter them.</li>
 * <li>Requests are tracked until their response is written; on stdin EOF the library is handed EOF only once every
 * request already received has been answered (or the drain timeout passed), so the process answers, then exits 0.</li>
 * </ul>
 * Both streams must be installed before Quarkus starts, because the library takes {@code System.in} and
 * {@code System.out} when its transport initialises.
 */
public final class StdioGuard extends InputStream {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Kept of an over-long line, at each end, to find its id. */
    private static final int KEEP = 64 * 1024;
    private static final Pattern ID_AT_START = Pattern.compile(
            "^\\s*\\{\\s*(?:\"jsonrpc\"\\s*:\\s*\"2\\.0\"\\s*,\\s*)?\"id\"\\s*:\\s*(-?[0-9]{1,18}|\"(?:[^\"\\\\]|\\\\.){0,200}\")");
    private static final Pattern ID_AT_END = Pattern.compile(
            "\"id\"\\s*:\\s*(-?[0-9]{1,18}|\"(?:[^\"\\\\]|\\\\.){0,200}\")\\s*(?:,\\s*\"jsonrpc\"\\s*:\\s*\"2\\.0\"\\s*)?\\}\\s*$");

    /** Below the 20 M characters the library's JSON parser accepts in one string. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static volatile StdioGuard installed;

    private final InputStream stdin;
    private final PrintStream stdout;
    private final Duration drainTimeout;
    private final int maxLineBytes;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object drained = new Object();
    private byte[] pending = new byte[0];
    private int position;
    private boolean eof;

    StdioGuard(InputStream in, OutputStream rawOut, Duration drainTimeout, int maxLineBytes) {
        this.stdin = new BufferedInputStream(in, 64 * 1024);
        this.stdout = new PrintStream(new ResponseWatcher(rawOut), true, StandardCharsets.UTF_8);
        this.drainTimeout = drainTimeout;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Replaces {@code System.in} and {@code System.out} with the guarded streams.
     *
     * @return the stream the library will write protocol messages to
     */
    public static PrintStream install(Duration drainTimeout, int maxLineBytes) {
        StdioGuard guard = new StdioGuard(System.in, System.out, drainTimeout, maxLineBytes);
        installed = guard;
        System.setIn(guard);
        System.setOut(guard.stdout);
        return guard.stdout;
    }

    /** Waits until every request received has been answered, at most {@code timeout}; true when none is left. */
    public static boolean awaitAnswered(Duration timeout) {
        StdioGuard guard = installed;
        return guard == null || guard.awaitDrain(timeout);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position >= pending.length) {
            if (eof) {
                return -1;
            }
            Line line = nextLine();
            if (line == null) {
                eof = true;
                if (!awaitDrain(drainTimeout)) {
                    System.err.println("clay-mcp-server: stdin closed; " + inFlight.size()
                            + " request(s) still unanswered after " + drainTimeout.toSeconds() + " s, exiting anyway");
                }
                return -1;
            }
            pending = admit(line);
            position = 0;
        }
        int n = Math.min(len, pending.length - position);
        System.arraycopy(pending, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return pending.length - position;
    }

    /** One line of stdin: its bytes, or, when it was longer than the limit, its length and both ends. */
    private record Line(byte[] bytes, long length, byte[] head, byte[] tail) {
    }

    private Line nextLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] tail = null;
        int tailLength = 0;
        long length = 0;
        int b;
        while ((b = stdin.read()) != -1 && b != '\n') {
            length++;
            if (length <= maxLineBytes) {
                line.write(b);
            } else {
                if (tail == null) {
                    tail = new byte[KEEP];
                }
                tail[tailLength++ % KEEP] = (byte) b;
            }
        }
        if (b == -1 && length == 0) {
            return null;
        }
        if (length <= maxLineBytes) {
            return new Line(line.toByteArray(), length, null, null);
        }
        byte[] all = line.toByteArray();
        byte[] head = java.util.Arrays.copyOf(all, Math.min(KEEP, all.length));
        byte[] end = new byte[Math.min(tailLength, KEEP)];
        for (int i = 0; i < end.length; i++) {
            end[i] = tail[(tailLength - end.length + i) % KEEP];
        }
        return new Line(null, length, head, end);
    }

    /** The bytes to hand to the library for this line, or none when it was answered or dropped here. */
    private byte[] admit(Line line) {
        if (line.bytes() == null) {
            answer(JsonRpcCheck.error(idOfLongLine(line), JsonRpcCheck.INVALID_REQUEST, "Request too large: a message "
                    + "may be at most " + maxLineBytes + " bytes (CLAY_MCP_MAX_MESSAGE_BYTES); this one has "
                    + line.length() + ". Send less per call, e.g. split add_rows into several calls."));
            return new byte[0];
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.bytes())).toString();
        } catch (CharacterCodingException e) {
            answer(JsonRpcCheck.error(NullNode.getInstance(), JsonRpcCheck.PARSE_ERROR,
                    "Parse error: this line is not valid UTF-8; send JSON-RPC messages as UTF-8 text"));
            return new byte[0];
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        JsonNode message;
        try {
            message = text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (message == null) {
            answer(JsonRpcCheck.error(NullNode.getInstance(), JsonRpcCheck.PARSE_ERROR, "Parse error: each line must "
                    + "be one JSON-RPC message; this line is " + (text.isBlank() ? "empty" : "not valid JSON")));
            return new byte[0];
        }
        JsonRpcCheck.Verdict verdict = JsonRpcCheck.check(message);
        verdict.answers().forEach(this::answer);
        if (verdict.forward() == null) {
            return new byte[0];
        }
        for (JsonNode m : verdict.forward().isArray() ? verdict.forward() : List.of(verdict.forward())) {
            if (m.hasNonNull("method") && m.hasNonNull("id")) {
                inFlight.add(m.get("id").toString());
            }
        }
        String forward = verdict.forward() == message ? text : verdict.forward().toString();
        return (asciiOnly(forward.strip()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The id of a line too long to parse, found at either end when it is plainly there; null otherwise. */
    private static JsonNode idOfLongLine(Line line) {
        for (Matcher m : List.of(ID_AT_START.matcher(new String(line.head(), StandardCharsets.UTF_8)),
                ID_AT_END.matcher(new String(line.tail(), StandardCharsets.UTF_8)))) {
            if (m.find()) {
                try {
                    return JSON.readTree(m.group(1));
                } catch (JsonProcessingException e) {
                    // not a usable id
                }
            }
        }
        return NullNode.getInstance();
    }

    /** Valid JSON has non-ASCII characters only inside strings, where a {@code \}{@code uXXXX} escape means the same. */
    static String asciiOnly(String json) {
        StringBuilder b = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 0x7e) {
                if (b == null) {
                    b = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? json : b.toString();
    }

    private void answer(ObjectNode error) {
        stdout.println(error.toString());
    }

    private boolean awaitDrain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return inFlight.isEmpty();
                }
            }
        }
        return true;
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

package dev.claymcp.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <li>With {@link EarlyAnswers} learnt on an earlier start, {@code initialize} and {@code tools/list} are answered
 * while Quarkus still boots: a thread reads stdin until the library starts reading, answers those two from the cache
 * and queues every line for the library, which then sees the whole conversation as if it had answered itself; its own
 * answers to those two are kept off stdout and checked against the early ones.</li>
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
    /** What the library writes: each line checked before it reaches the client. */
    private final PrintStream stdout;
    /** Where the guard's own lines go, straight to the client. */
    private final ResponseWatcher watcher;
    private final Duration drainTimeout;
    private final int maxLineBytes;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object drained = new Object();
    /** One reader of stdin at a time: the early thread until the library reads, then the library's thread. */
    private final Object reading = new Object();
    /** Lines read by the early thread, waiting for the library. */
    private final Deque<byte[]> queued = new ArrayDeque<>();
    private final Optional<EarlyAnswers> early;
    /** Requests answered early: id -> what was answered, for checking the library's own answer. */
    private final Map<String, EarlyAnswer> answeredEarly = new ConcurrentHashMap<>();
    /** Requests whose answer teaches the cache: id -> what they asked. */
    private final Map<String, EarlyAnswer> learning = new ConcurrentHashMap<>();
    private volatile boolean libraryReading;
    private boolean eof;
    private byte[] pending = new byte[0];
    private int position;

    /** An answer given (or to be learnt) for a request: which method, for which protocol version. */
    private record EarlyAnswer(String method, String protocolVersion) {
    }

    StdioGuard(InputStream in, OutputStream rawOut, Duration drainTimeout, int maxLineBytes) {
        this(in, rawOut, drainTimeout, maxLineBytes, Optional.empty());
    }

    StdioGuard(InputStream in, OutputStream rawOut, Duration drainTimeout, int maxLineBytes,
            Optional<EarlyAnswers> early) {
        this.stdin = in;
        this.watcher = new ResponseWatcher(rawOut);
        this.stdout = new PrintStream(watcher, true, StandardCharsets.UTF_8);
        this.drainTimeout = drainTimeout;
        this.maxLineBytes = maxLineBytes;
        this.early = early;
    }

    /**
     * Replaces {@code System.in} and {@code System.out} with the guarded streams.
     *
     * @param cacheDir where early answers are kept, if anywhere
     * @param appJar the application's jar, which keys the early answers
     * @return the stream the library will write protocol messages to
     */
    public static PrintStream install(Duration drainTimeout, int maxLineBytes, Optional<Path> cacheDir, Path appJar) {
        Optional<EarlyAnswers> early = EarlyAnswers.load(cacheDir, appJar);
        StdioGuard guard = new StdioGuard(System.in, System.out, drainTimeout, maxLineBytes, early);
        installed = guard;
        System.setIn(guard);
        System.setOut(guard.stdout);
        if (early.flatMap(EarlyAnswers::tools).isPresent()) {
            Thread reader = new Thread(guard::readEarly, "clay-mcp-early-stdin");
            reader.setDaemon(true);
            reader.start();
        }
        return guard.stdout;
    }

    /** Reads and handles lines while Quarkus boots, until the library starts reading itself. */
    void readEarly() {
        try {
            while (!libraryReading) {
                synchronized (reading) {
                    if (libraryReading || eof) {
                        return;
                    }
                    Line line = nextLine();
                    if (line == null) {
                        eof = true;
                        return;
                    }
                    byte[] bytes = admit(line);
                    if (bytes.length > 0) {
                        synchronized (queued) {
                            queued.add(bytes);
                        }
                    }
                }
            }
        } catch (IOException e) {
            synchronized (reading) {
                eof = true;
            }
        }
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
        libraryReading = true;
        while (position >= pending.length) {
            byte[] next = nextForLibrary();
            if (next == null) {
                return -1;
            }
            pending = next;
            position = 0;
        }
        int n = Math.min(len, pending.length - position);
        System.arraycopy(pending, position, b, off, n);
        position += n;
        return n;
    }

    /** The next line for the library (queued by the early reader, or read now), or null at the end of input. */
    private byte[] nextForLibrary() throws IOException {
        while (true) {
            byte[] next = pollQueued();
            if (next != null) {
                return next;
            }
            synchronized (reading) {
                next = pollQueued(); // the early reader may have queued a line while we waited for it
                if (next != null) {
                    return next;
                }
                if (eof) {
                    if (!awaitDrain(drainTimeout)) {
                        System.err.println("clay-mcp-server: stdin closed; " + inFlight.size()
                                + " request(s) still unanswered after " + drainTimeout.toSeconds() + " s, exiting anyway");
                    }
                    return null;
                }
                Line line = nextLine();
                if (line == null) {
                    eof = true;
                    continue;
                }
                byte[] bytes = admit(line);
                if (bytes.length > 0) {
                    return bytes;
                }
            }
        }
    }

    private byte[] pollQueued() {
        synchronized (queued) {
            return queued.poll();
        }
    }

    @Override
    public synchronized int available() {
        return pending.length - position;
    }

    /** One line of stdin: its bytes, or, when it was longer than the limit, its length and both ends. */
    private record Line(byte[] bytes, long length, byte[] head, byte[] tail) {
    }

    private final byte[] buffer = new byte[64 * 1024];
    private int bufferStart;
    private int bufferEnd;

    /** The next line of stdin (without its newline), or null at the end of input; reads stdin in blocks. */
    private Line nextLine() throws IOException {
        ByteArrayOutputStream line = null;
        byte[] tail = null;
        int tailLength = 0;
        long length = 0;
        while (true) {
            if (bufferStart == bufferEnd) {
                int n = stdin.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (length == 0 && line == null) {
                        return null;
                    }
                    break; // a last line without a newline
                }
                bufferStart = 0;
                bufferEnd = n;
            }
            int newline = bufferStart;
            while (newline < bufferEnd && buffer[newline] != '\n') {
                newline++;
            }
            int chunk = newline - bufferStart;
            if (line == null && newline < bufferEnd && chunk <= maxLineBytes) {
                // the usual case: the whole line is in the buffer
                byte[] bytes = java.util.Arrays.copyOfRange(buffer, bufferStart, newline);
                bufferStart = newline + 1;
                return new Line(bytes, bytes.length, null, null);
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(256, chunk));
            }
            int keep = (int) Math.max(0, Math.min(chunk, maxLineBytes - length));
            line.write(buffer, bufferStart, keep);
            for (int i = bufferStart + keep; i < newline; i++) {
                if (tail == null) {
                    tail = new byte[KEEP];
                }
                tail[tailLength++ % KEEP] = buffer[i];
            }
            length += chunk;
            bufferStart = newline;
            if (newline < bufferEnd) {
                bufferStart++; // past the newline
                break;
            }
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
            byte[] utf8 = line.bytes();
            message = text.isBlank() ? null : JsonRpcCheck.parse(utf8, 0, utf8.length - (utf8.length > 0
                    && utf8[utf8.length - 1] == '\r' ? 1 : 0));
        } catch (JsonRpcCheck.DuplicateKey e) {
            answer(e.answer);
            return new byte[0];
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
        if (early.isPresent() && verdict.forward().isObject()) {
            answerOrLearn(verdict.forward());
        }
        String forward = verdict.forward() == message ? text : verdict.forward().toString();
        return (asciiOnly(forward.strip()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Answers initialize (for a protocol version seen before) and then tools/list from the early answers, or, when they
     * are not known yet, notes the request so that the library's answer is learnt.
     */
    private void answerOrLearn(JsonNode request) {
        EarlyAnswers answers = early.get();
        String method = request.path("method").asText("");
        JsonNode id = request.get("id");
        if (id == null || id.isNull()) {
            return;
        }
        Optional<JsonNode> known = Optional.empty();
        EarlyAnswer what = null;
        if (method.equals("initialize")) {
            String version = request.path("params").path("protocolVersion").asText(null);
            what = new EarlyAnswer(method, version);
            known = libraryReading ? Optional.empty() : answers.initialize(version);
        } else if (method.equals("tools/list") && !request.path("params").has("cursor")) {
            what = new EarlyAnswer(method, null);
            // only in a conversation whose initialize was answered early: otherwise the library is answering anyway
            known = answeredEarly.values().stream().anyMatch(a -> a.method().equals("initialize")) ? answers.tools()
                    : Optional.empty();
        }
        if (what == null) {
            return;
        }
        if (known.isPresent()) {
            answeredEarly.put(id.toString(), what);
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", id);
            answer.set("result", known.get());
            watcher.direct(answer.toString());
        } else {
            learning.put(id.toString(), what);
        }
    }

    /**
     * Whether a line the library wrote goes to the client: not when it is the library's own answer to a request that
     * was answered early, which is checked against the early answer instead; answers worth remembering are learnt.
     */
    private boolean reachesClient(JsonNode message) {
        if (early.isEmpty() || message.has("method") || !message.has("id")) {
            return true;
        }
        String id = message.get("id").toString();
        EarlyAnswer given = answeredEarly.remove(id);
        EarlyAnswer asked = given != null ? given : learning.remove(id);
        JsonNode result = message.get("result");
        if (asked == null || result == null) {
            return given == null;
        }
        EarlyAnswers answers = early.get();
        boolean same = asked.method().equals("initialize") ? answers.learnInitialize(asked.protocolVersion(), result)
                : answers.learnTools(result);
        answers.save();
        if (given != null && !same) {
            System.err.println("clay-mcp-server: the " + asked.method() + " answer given early differs from this "
                    + "build's; it is corrected for the next start");
            if (asked.method().equals("tools/list")) {
                watcher.direct("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
            }
        }
        return given == null;
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
        watcher.direct(error.toString());
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

    /** Notes the answers in a line the library wrote, and says whether the line goes to the client. */
    private boolean answered(byte[] line, int length) {
        String id = plainAnswerId(line, length);
        boolean forward = true;
        if (id != null && !answeredEarly.containsKey(id) && !learning.containsKey(id)) {
            inFlight.remove(id); // the common case, read without parsing the whole answer
        } else {
            try {
                JsonNode message = JSON.readTree(line, 0, length);
                for (JsonNode m : message.isArray() ? message : List.of(message)) {
                    if (!m.has("method") && m.has("id") && (m.has("result") || m.has("error"))) {
                        inFlight.remove(m.get("id").toString());
                        if (!message.isArray()) {
                            forward = reachesClient(m);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        synchronized (drained) {
            drained.notifyAll();
        }
        return forward;
    }

    private static final byte[] ANSWER_START = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The id of an answer as the library writes it ({@code {"jsonrpc":"2.0","id":5,"result":…}} or
     * {@code …,"error":…}), as JSON text; null for anything else, which is then parsed in full.
     */
    static String plainAnswerId(byte[] line, int length) {
        if (length <= ANSWER_START.length || !java.util.Arrays.equals(line, 0, ANSWER_START.length, ANSWER_START, 0,
                ANSWER_START.length)) {
            return null;
        }
        int start = ANSWER_START.length;
        int end = start;
        if (line[start] == '"') {
            end++;
            while (end < length && line[end] != '"') {
                if (line[end] == '\\') {
                    return null; // an escaped id: leave it to the parser
                }
                end++;
            }
            end++;
        } else {
            while (end < length && (line[end] == '-' || (line[end] >= '0' && line[end] <= '9'))) {
                end++;
            }
        }
        if (end <= start || end >= length) {
            return null;
        }
        String rest = new String(line, end, Math.min(10, length - end), StandardCharsets.US_ASCII);
        if (!rest.startsWith(",\"result\":") && !rest.startsWith(",\"error\":")) {
            return null;
        }
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Passes each line the library writes to stdout, once complete, unless {@link #answered} keeps it back (the
     * library's own answer to a request answered early).
     */
    private final class ResponseWatcher extends OutputStream {
        private final OutputStream out;
        private byte[] line = new byte[8192];
        private int length;

        ResponseWatcher(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            take((byte) b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int from = off;
            int end = off + len;
            while (from < end) {
                int newline = from;
                while (newline < end && b[newline] != '\n') {
                    newline++;
                }
                append(b, from, newline - from);
                if (newline == end) {
                    return;
                }
                take((byte) '\n');
                from = newline + 1;
            }
        }

        private void append(byte[] b, int off, int len) {
            if (length + len > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + len));
            }
            System.arraycopy(b, off, line, length, len);
            length += len;
        }

        private void take(byte b) throws IOException {
            if (b == '\n') {
                if (answered(line, length)) {
                    out.write(line, 0, length);
                    out.write('\n');
                }
                length = 0;
                if (line.length > 1 << 20) {
                    line = new byte[8192]; // do not keep a huge buffer after one huge answer
                }
            } else {
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = b;
            }
        }

        /** Writes a line of the guard's own, whole and at once, between the library's lines. */
        synchronized void direct(String message) {
            try {
                out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the client is gone
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }
    }
}

package dev.claymcp.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stands between the process's stdin/stdout and the MCP library's stdio transport, which gives up reading after one
 * unparsable line, answers some malformed messages wrongly, reads stdin in the platform charset, and exits on EOF
 * while calls are still running. It is the {@code System.in} the library reads; its parts:
 * <ul>
 * <li>{@link StdinLines} cuts stdin into lines, and {@link LineCheck} decides each: answered here, or handed on.</li>
 * <li>{@link InFlight} tracks requests until their answer is written; at the end of stdin the library is handed EOF
 * only once every request already received has been answered (or the drain timeout passed), so the process answers,
 * then exits 0.</li>
 * <li>{@link StdoutWatcher} is {@code System.out}: it notes each answer, and keeps anything that is not a JSON-RPC
 * message off stdout.</li>
 * <li>{@link EarlyResponder}, given answers learnt on an earlier start, answers {@code initialize} and
 * {@code tools/list} while Quarkus boots: a thread reads stdin until the library starts reading and queues every
 * line for it, so the library sees the whole conversation.</li>
 * </ul>
 * Both streams must be installed before Quarkus starts, because the library takes {@code System.in} and
 * {@code System.out} when its transport initialises.
 */
public final class StdioGuard extends InputStream {

    private static final ObjectMapper JSON = JsonRpcCheck.JSON;

    private static volatile StdioGuard installed;

    private final StdinLines lines;
    private final StdoutWatcher watcher;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Duration drainTimeout;
    private final InFlight inFlight = new InFlight();
    private final Optional<EarlyResponder> early;
    /** One reader of stdin at a time: the early thread until the library reads, then the library's thread. */
    private final Object reading = new Object();
    /** Lines read by the early thread, waiting for the library. */
    private final Deque<byte[]> queued = new ArrayDeque<>();
    private volatile boolean libraryReading;
    private boolean eof;
    private byte[] pending = new byte[0];
    private int position;

    StdioGuard(InputStream in, OutputStream rawOut, PrintStream stderr, Duration drainTimeout, int maxLineBytes,
            java.util.function.Function<StdoutWatcher, Optional<EarlyResponder>> early) {
        this.lines = new StdinLines(in, maxLineBytes);
        this.stderr = stderr;
        this.watcher = new StdoutWatcher(rawOut, stderr, this::answered);
        this.stdout = new PrintStream(watcher, true, StandardCharsets.UTF_8);
        this.drainTimeout = drainTimeout;
        this.early = early.apply(watcher);
    }

    StdioGuard(InputStream in, OutputStream rawOut, Duration drainTimeout, int maxLineBytes) {
        this(in, rawOut, System.err, drainTimeout, maxLineBytes, w -> Optional.empty());
    }

    /** The answers learnt by earlier starts for one build and configuration, opened once, before boot. */
    public static final class Learnt {
        static final Learnt NONE = new Learnt(Optional.empty());
        private final Optional<EarlyAnswers> answers;

        private Learnt(Optional<EarlyAnswers> answers) {
            this.answers = answers;
        }

        /** Whether there is something to answer early with. */
        public boolean warm() {
            return answers.flatMap(EarlyAnswers::tools).isPresent();
        }
    }

    /**
     * Opens the answers of this build and these settings in the cache directory (created private when missing), or
     * none: no directory, no build, or a directory that cannot be trusted (said on stderr).
     *
     * @param settings every setting that could change an answer ({@link EarlyAnswers})
     */
    public static Learnt learnt(Optional<java.nio.file.Path> cacheDir, Optional<String> build,
            java.util.Map<String, String> settings) {
        if (cacheDir.isEmpty() || build.isEmpty()) {
            return Learnt.NONE;
        }
        Optional<PrivateCache> cache = PrivateCache.open(cacheDir.get());
        if (cache.isEmpty()) {
            System.err.println("clay-mcp-server: not using the cache directory " + cacheDir.get() + ": it cannot be "
                    + "created, or another user owns it or may write to it (CLAY_MCP_CACHE_DIR)");
        }
        return new Learnt(cache.map(c -> EarlyAnswers.open(c, EarlyAnswers.key(build.get(), settings))));
    }

    /**
     * Replaces {@code System.in} and {@code System.out} with the guarded streams.
     *
     * @param learnt the early answers to give and to keep learning, if any
     */
    public static void install(Duration drainTimeout, int maxLineBytes, Learnt learnt) {
        PrintStream stderr = System.err;
        StdioGuard guard = new StdioGuard(System.in, System.out, stderr, drainTimeout, maxLineBytes,
                watcher -> learnt.answers.map(a -> new EarlyResponder(a, watcher::direct, stderr, () -> System.exit(1),
                        EarlyResponder::onItsOwnThread)));
        installed = guard;
        System.setIn(guard);
        System.setOut(guard.stdout);
        if (guard.early.filter(EarlyResponder::ready).isPresent()) {
            Thread reader = new Thread(guard::readEarly, "clay-mcp-early-stdin");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Waits until every request received has been answered, at most {@code timeout}; true when none is left. */
    public static boolean awaitAnswered(Duration timeout) {
        StdioGuard guard = installed;
        return guard == null || guard.inFlight.awaitNone(timeout);
    }

    PrintStream stdout() {
        return stdout;
    }

    /** Reads lines while Quarkus boots, queueing them for the library, until the library reads itself. */
    void readEarly() {
        try {
            while (!libraryReading) {
                synchronized (reading) {
                    if (libraryReading) {
                        return;
                    }
                    byte[] next = pull();
                    if (next == null) {
                        return;
                    }
                    synchronized (queued) {
                        queued.add(next);
                    }
                }
            }
        } catch (IOException e) {
            synchronized (reading) {
                eof = true;
            }
        }
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

    @Override
    public synchronized int available() {
        return pending.length - position;
    }

    /** The next line for the library: one the early thread queued, else the next line of stdin; null at the end. */
    private byte[] nextForLibrary() throws IOException {
        byte[] queuedLine = pollQueued(); // first, without waiting for the early thread, which may be blocked on stdin
        if (queuedLine != null) {
            return queuedLine;
        }
        synchronized (reading) {
            queuedLine = pollQueued(); // the early thread may have queued a line while we waited for it
            if (queuedLine != null) {
                return queuedLine;
            }
            byte[] next = pull();
            if (next == null) {
                if (!inFlight.awaitNone(drainTimeout)) {
                    stderr.println("clay-mcp-server: stdin closed; " + inFlight.size() + " request(s) still unanswered "
                            + "after " + drainTimeout.toSeconds() + " s, exiting anyway");
                }
            }
            return next;
        }
    }

    private byte[] pollQueued() {
        synchronized (queued) {
            return queued.poll();
        }
    }

    /**
     * The one read path: the next line of stdin that goes on to the library, its other lines answered here on the way;
     * null at the end of input. Called holding {@link #reading}.
     */
    private byte[] pull() throws IOException {
        while (!eof) {
            StdinLines.Line line = lines.next();
            if (line == null) {
                eof = true;
                break;
            }
            LineCheck.Admission admission = LineCheck.admit(line, lines.maxLineBytes());
            admission.answers().forEach(a -> watcher.direct(a.toString()));
            if (admission.forward() == null) {
                continue;
            }
            for (JsonNode request : admission.requests()) {
                String id = request.get("id").toString();
                boolean already = !inFlight.received(id);
                if (early.isPresent() && admission.message().isObject()) {
                    early.get().request(request, already, libraryReading).ifPresent(watcher::direct);
                }
            }
            return admission.forward();
        }
        return null;
    }

    /** Notes the answers in a line the library wrote, and says whether the line goes to the client. */
    private boolean answered(byte[] line, int length) {
        String id = plainAnswerId(line, length);
        if (id != null && early.map(e -> !e.waitsFor(id)).orElse(true)) {
            inFlight.answered(id); // the common case, read without parsing the whole answer
            return true;
        }
        boolean forward = true;
        try {
            JsonNode message = JSON.readTree(line, 0, length);
            for (JsonNode m : message.isArray() ? message : List.of(message)) {
                if (!m.has("method") && m.has("id") && (m.has("result") || m.has("error"))) {
                    inFlight.answered(m.get("id").toString());
                    if (early.isPresent() && !message.isArray()) {
                        forward = early.get().answer(m);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return true;
        }
        return forward;
    }

    private static final byte[] ANSWER_START = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The id of an answer as the library writes it ({@code {"jsonrpc":"2.0","id":5,"result":…}} or
     * {@code …,"error":…}), as JSON text; null for anything else, which is then parsed in full.
     */
    static String plainAnswerId(byte[] line, int length) {
        if (length <= ANSWER_START.length || !Arrays.equals(line, 0, ANSWER_START.length, ANSWER_START, 0,
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

}

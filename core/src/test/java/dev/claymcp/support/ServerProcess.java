package dev.claymcp.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/**
 * The packaged server spawned as a desktop client would spawn it (through {@code bin/clay-mcp}), speaking
 * newline-delimited JSON-RPC on its stdin and stdout. Every stdout and stderr line is kept for inspection.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderrSeen = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread stdoutReader;
    private final Thread stderrReader;

    /** The launcher users start the server with (bin/clay-mcp beside the packaged application). */
    public static Path launcher() {
        Path launcher = Path.of(System.getProperty("clay.mcp.app", "target/quarkus-app"), "bin", "clay-mcp");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("package the server first: " + launcher + " is missing");
        }
        return launcher;
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports nobody listens on right now, all different (asked for together, so none is handed out twice). */
    public static int[] freePorts(int count) {
        List<java.net.ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new java.net.ServerSocket(0));
            }
            return sockets.stream().mapToInt(java.net.ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (java.net.ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // it was free a moment ago
                }
            }
        }
    }

    /**
     * The cache directory the spawned servers share unless {@code env} names another: as a user's, it is warm after the
     * first start of each configuration, so the tests run the way users run after their first start (early answers).
     * The launcher records no class cache in it ({@code CLAY_MCP_PREPARE=off}): that is {@code LauncherIT}'s subject.
     */
    public static final Path WARM_CACHE = Path.of("target", "server-cache").toAbsolutePath();

    /** Starts the server through its launcher, with this JVM's JDK and the shared warm cache. */
    public static ServerProcess start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        return run(command, env, null);
    }

    /**
     * Runs {@code command} (a launcher, {@code java -jar}, …) in {@code directory} (null: this one) with none of
     * this machine's server settings, this JVM's JDK as JAVA_HOME, the shared warm cache unless {@code env} names
     * another place (or {@code off}), a free port for metrics in HTTP mode, and {@code env}.
     */
    public static ServerProcess run(List<String> command, Map<String, String> env, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("CLAY_") || k.startsWith("QUARKUS_")
                || k.startsWith("JBANG_") || k.equals("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CLAY_MCP_CACHE_DIR", WARM_CACHE.toString());
        builder.environment().put("CLAY_MCP_PREPARE", "off");
        if ("http".equals(env.get("CLAY_MCP_TRANSPORT"))) {
            // servers in HTTP mode run side by side in these tests: each its own metrics port, never its MCP port
            int[] ports = freePorts(2);
            int metrics = Integer.toString(ports[0]).equals(env.get("QUARKUS_HTTP_PORT")) ? ports[1] : ports[0];
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(metrics));
        }
        builder.environment().putAll(env);
        try {
            return new ServerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServerProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutReader = pump(process.getInputStream(), line -> {
            stdoutSeen.add(line);
            stdoutLines.add(line);
        });
        this.stderrReader = pump(process.getErrorStream(), stderrSeen::add);
    }

    private static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    public void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes to stdin, as a client with a broken encoder might. */
    public void sendBytes(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(JsonObject message) {
        send(message.encode());
    }

    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next stdout line, parsed; fails after the timeout. */
    public JsonObject next(Duration timeout) {
        try {
            String line = stdoutLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no stdout line within " + timeout + "; stderr:\n" + stderr());
            }
            return new JsonObject(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads stdout until the response to request {@code id}, skipping notifications. */
    public JsonObject response(Object id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!m.containsKey("method") && java.util.Objects.equals(m.getValue("id"), id)) {
                return m;
            }
        }
    }

    public JsonObject initialize() {
        send(new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize").put("params",
                new JsonObject().put("protocolVersion", "2025-06-18").put("capabilities", new JsonObject())
                        .put("clientInfo", new JsonObject().put("name", "it").put("version", "1"))));
        JsonObject init = response(0, Duration.ofSeconds(30));
        send(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return init;
    }

    public static JsonObject request(int id, String method, JsonObject params) {
        JsonObject m = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method);
        return params == null ? m : m.put("params", params);
    }

    public static JsonObject toolCall(int id, String tool, JsonObject arguments) {
        return request(id, "tools/call", new JsonObject().put("name", tool).put("arguments", arguments));
    }

    /**
     * Sends SIGTERM, as a process manager stopping the server would, and keeps reading what it writes until it exits.
     * ({@link Process#destroy()} would also close our ends of its pipes.)
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Kills the process at once (SIGKILL), as a crash or an out-of-memory killer would: nothing runs after it. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for the process to end and for its output to be read. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server did not exit within " + timeout + "; stderr:\n" + stderr());
            }
            stdoutReader.join(5000);
            stderrReader.join(5000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public List<String> stdout() {
        synchronized (stdoutSeen) {
            return List.copyOf(stdoutSeen);
        }
    }

    public String stderr() {
        synchronized (stderrSeen) {
            return String.join("\n", stderrSeen);
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Asks a process to stop (SIGTERM), and kills it if it has not within 10 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

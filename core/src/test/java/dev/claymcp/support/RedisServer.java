package dev.claymcp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} (the Debian package), started on a port of the test's choosing with nothing saved to
 * disk, and stopped with the test (see {@link Installed} for a machine without it).
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test when redis-server is missing, or fails it where services are required (CI). */
    public static void assumeInstalled() {
        Installed.require("redis-server");
    }

    /** Starts a Redis on {@code port} and waits until it answers. */
    public static RedisServer start(int port) {
        return start(port, null);
    }

    /**
     * Starts a Redis on {@code port} that asks for {@code password} (none when null), with any further
     * {@code redis-server} options, and waits until it answers.
     */
    public static RedisServer start(int port, String password, String... options) {
        try {
            Path dir = Files.createTempDirectory("redis-test");
            Path binary = Installed.require("redis-server");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString()));
            if (password != null) {
                command.addAll(List.of("--requirepass", password));
            }
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RedisServer redis = new RedisServer(process, port);
            Conditions.await(Duration.ofSeconds(30), "redis-server to answer PING on port " + port, redis::answers);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RedisServer start() {
        return start(ServerProcess.freePort());
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean answers() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // "+PONG", or "-NOAUTH …" from one that asks for a password: either way it is up
            int first = in.read();
            return first == '+' || first == '-';
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }
}

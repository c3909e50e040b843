package dev.claymcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * Attack run finding 6: slow and idle connections were never closed, and 20,000 of them used up the file
 * descriptors. Now a silent or stalled connection is closed after CLAY_MCP_IDLE_TIMEOUT, a trickled body gets 408
 * after CLAY_MCP_BODY_TIMEOUT, connections beyond CLAY_MCP_MAX_CONNECTIONS are closed as they come, and an event
 * stream with nothing to say is kept open by keep-alive comments.
 */
class HttpLimitsIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static ServerProcess start(int port, Map<String, String> limits) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true",
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        env.putAll(limits);
        ServerProcess server = ServerProcess.start(env);
        Conditions.await(WAIT, "the server to listen", () -> status(port, "GET /q/health/live") != null);
        return server;
    }

    /** The status line a request gets on a fresh connection, or null when nothing answers. */
    static String status(int port, String requestLine) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads until the server closes the connection; fails if it is still open after {@code WAIT}. */
    static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder got = new StringBuilder();
        try {
            for (int b; (b = in.read()) >= 0;) {
                got.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + WAIT.toSeconds() + " s; got: " + got);
        } catch (java.net.SocketException reset) {
            // closed with a reset: closed all the same
        }
        return got.toString();
    }

    @Test
    void silentStalledAndTrickledConnectionsAreClosedAndEventStreamsAreKeptAlive() throws Exception {
        int port = ServerProcess.freePort();
        try (ServerProcess server = start(port, Map.of("CLAY_MCP_IDLE_TIMEOUT", "3s", "CLAY_MCP_BODY_TIMEOUT", "2s"));
                Socket silent = new Socket("127.0.0.1", port);
                Socket halfHeaders = new Socket("127.0.0.1", port);
                Socket trickle = new Socket("127.0.0.1", port);
                Socket stream = new Socket("127.0.0.1", port)) {
            halfHeaders.getOutputStream().write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"
                    .getBytes(StandardCharsets.US_ASCII));
            OutputStream body = trickle.getOutputStream();
            body.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            stream.getOutputStream().write(("GET /mcp/sse HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread trickler = new Thread(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        Thread.sleep(500); // one byte every half second keeps the connection from being idle
                        body.write(' ');
                        body.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed it, as it should
                }
            });
            trickler.setDaemon(true);
            trickler.start();

            assertEquals("", readUntilClosed(silent), "a silent connection is closed");
            assertEquals("", readUntilClosed(halfHeaders), "a connection that stalls in its headers is closed");
            assertTrue(readUntilClosed(trickle).startsWith("HTTP/1.1 408 Request Timeout"),
                    "a body trickled past CLAY_MCP_BODY_TIMEOUT gets 408 and the connection is closed");

            // the event stream was opened with the silent connection, which the server has closed as idle by now: the
            // stream is still open, and what it gets next is a keep-alive comment (one every second)
            InputStream events = stream.getInputStream();
            events.skipNBytes(events.available());
            stream.setSoTimeout((int) WAIT.toMillis());
            String next = new String(readUntil(events, "\n\n"), StandardCharsets.UTF_8);
            assertTrue(next.endsWith(": keep-alive\n\n"), "a keep-alive on the stream: " + next);
            assertEquals("HTTP/1.1 200 OK", status(port, "GET /q/health/live"), "the server still serves");
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndRoomComesBack() throws Exception {
        int port = ServerProcess.freePort();
        try (ServerProcess server = start(port, Map.of("CLAY_MCP_MAX_CONNECTIONS", "10",
                "CLAY_MCP_IDLE_TIMEOUT", "5m"))) {
            List<Socket> held = new ArrayList<>();
            try {
                int answered = 0;
                for (int i = 0; i < 30; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    held.add(socket);
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write(("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    String line = readStatus(socket);
                    if ("HTTP/1.1 200 OK".equals(line)) {
                        answered++; // kept open (keep-alive): it holds its place
                    }
                }
                // (a connection closed just before may not be counted out yet, so a few less is no fault)
                assertTrue(answered <= 10 && answered >= 5, "ten connections at most: " + answered);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            Conditions.await(WAIT, "room for a new connection once the others closed",
                    () -> "HTTP/1.1 200 OK".equals(status(port, "GET /q/health/live")));
        }
    }

    /** Reads until {@code end} has been read; fails if the stream ends first. */
    private static byte[] readUntil(InputStream in, String end) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the stream ended; got: " + got);
            }
            got.write(b);
        }
        return got.toByteArray();
    }

    private static String readStatus(Socket socket) {
        try {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        } catch (IOException e) {
            return null;
        }
    }
}

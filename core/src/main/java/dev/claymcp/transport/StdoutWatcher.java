package dev.claymcp.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stands for stdout: everything written to {@code System.out} (the library's messages, and anything else that prints
 * there) passes through here line by line, and only whole lines that look like JSON-RPC messages (starting with
 * <code>{</code> or <code>[</code> and ending with <code>}</code> or <code>]</code>) reach the client; any other line
 * goes to stderr, since one stray line on stdout breaks a desktop client. Each message line is shown to a {@link
 * Listener} first, which may hold it back. The guard's own lines are written whole, between the library's.
 */
final class StdoutWatcher extends OutputStream {

    /** Sees each message line before it is written. */
    interface Listener {
        /** Whether the line goes to the client; the array may be longer than the line. */
        boolean pass(byte[] line, int length);
    }

    private final OutputStream out;
    private final PrintStream stderr;
    private final Listener listener;
    private byte[] line = new byte[8192];
    private int length;

    StdoutWatcher(OutputStream out, PrintStream stderr, Listener listener) {
        this.out = out;
        this.stderr = stderr;
        this.listener = listener;
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
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + len));
        }
        System.arraycopy(b, off, line, length, len);
        length += len;
    }

    private void take(byte b) throws IOException {
        if (b != '\n') {
            append(new byte[] { b }, 0, 1);
            return;
        }
        int end = length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ')) {
            end--;
        }
        if (!looksLikeMessage(line, end)) {
            if (end > 0) {
                stderr.println("clay-mcp-server: kept off stdout (not a JSON-RPC message): "
                        + new String(line, 0, Math.min(end, 500), StandardCharsets.UTF_8));
            }
        } else if (listener.pass(line, end)) {
            out.write(line, 0, end);
            out.write('\n');
        }
        length = 0;
        if (line.length > 1 << 20) {
            line = new byte[8192]; // do not keep a huge buffer after one huge answer
        }
    }

    private static boolean looksLikeMessage(byte[] line, int end) {
        int start = 0;
        while (start < end && line[start] == ' ') {
            start++;
        }
        if (end - start < 2) {
            return false;
        }
        byte first = line[start];
        byte last = line[end - 1];
        return first == '{' && last == '}' || first == '[' && last == ']';
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

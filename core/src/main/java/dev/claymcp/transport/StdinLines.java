package dev.claymcp.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts stdin into lines (newline-delimited JSON-RPC), reading it in blocks. A line longer than the limit is not kept:
 * only its length and up to 64 KB at each end, enough to find its id and answer it.
 */
final class StdinLines {

    /** Kept of an over-long line, at each end, to find its id. */
    static final int KEEP = 64 * 1024;

    /** One line, without its newline: its bytes, or, when it was longer than the limit, its length and both ends. */
    record Line(byte[] bytes, long length, byte[] head, byte[] tail) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    StdinLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    int maxLineBytes() {
        return maxLineBytes;
    }

    /** The next line, or null at the end of input; a last line without a newline still counts. */
    Line next() throws IOException {
        ByteArrayOutputStream line = null;
        byte[] tail = null;
        int tailLength = 0;
        long length = 0;
        while (true) {
            if (start == end) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (line == null) {
                        return null;
                    }
                    break;
                }
                start = 0;
                end = n;
            }
            int newline = start;
            while (newline < end && buffer[newline] != '\n') {
                newline++;
            }
            int chunk = newline - start;
            if (line == null && newline < end && chunk <= maxLineBytes) {
                // the usual case: the whole line is in the buffer
                byte[] bytes = Arrays.copyOfRange(buffer, start, newline);
                start = newline + 1;
                return new Line(bytes, bytes.length, null, null);
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(256, chunk));
            }
            int keep = (int) Math.max(0, Math.min(chunk, maxLineBytes - length));
            line.write(buffer, start, keep);
            for (int i = start + keep; i < newline; i++) {
                if (tail == null) {
                    tail = new byte[KEEP];
                }
                tail[tailLength++ % KEEP] = buffer[i];
            }
            length += chunk;
            start = newline;
            if (newline < end) {
                start++; // past the newline
                break;
            }
        }
        if (length <= maxLineBytes) {
            return new Line(line.toByteArray(), length, null, null);
        }
        byte[] all = line.toByteArray();
        byte[] head = Arrays.copyOf(all, Math.min(KEEP, all.length));
        byte[] last = new byte[Math.min(tailLength, KEEP)];
        for (int i = 0; i < last.length; i++) {
            last[i] = tail[(tailLength - last.length + i) % KEEP];
        }
        return new Line(null, length, head, last);
    }
}

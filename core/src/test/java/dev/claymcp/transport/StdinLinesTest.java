package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Stdin cut into lines, whatever sizes it arrives in; an over-long line is kept only by its ends. */
class StdinLinesTest {

    /** Hands out at most one byte per read, as a slow pipe may. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }

    @Test
    void linesArriveWholeHoweverTheInputIsCut() throws IOException {
        StdinLines lines = new StdinLines(trickle("{\"a\":1}\n\n{\"b\":2}".getBytes(StandardCharsets.UTF_8)), 100);
        assertEquals("{\"a\":1}", new String(lines.next().bytes(), StandardCharsets.UTF_8));
        assertEquals("", new String(lines.next().bytes(), StandardCharsets.UTF_8), "an empty line is a line");
        assertEquals("{\"b\":2}", new String(lines.next().bytes(), StandardCharsets.UTF_8), "the last, without newline");
        assertNull(lines.next());
    }

    @Test
    void anOverlongLineKeepsItsLengthAndBothEndsAndTheNextLineIsIntact() throws IOException {
        String big = "{\"id\":7," + "x".repeat(200_000) + "\"end\":1}";
        StdinLines lines = new StdinLines(new ByteArrayInputStream((big + "\n{\"c\":3}\n")
                .getBytes(StandardCharsets.UTF_8)), 1000);

        StdinLines.Line line = lines.next();
        assertTrue(line.tooLong());
        assertEquals(big.length(), line.length());
        assertTrue(new String(line.head(), StandardCharsets.UTF_8).startsWith("{\"id\":7,xxx"));
        assertTrue(new String(line.tail(), StandardCharsets.UTF_8).endsWith("xxx\"end\":1}"));
        assertArrayEquals("{\"c\":3}".getBytes(StandardCharsets.UTF_8), lines.next().bytes());
    }
}

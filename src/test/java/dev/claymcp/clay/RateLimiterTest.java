package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The token bucket's arithmetic, on a clock the test moves: no waiting, no dependence on the machine's speed. */
class RateLimiterTest {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    long now = 0;
    final List<Long> sleeps = new ArrayList<>();

    RateLimiter limiter(double perSecond, int burst) {
        return new RateLimiter(perSecond, burst, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos; // the caller sleeps until its token is due
        });
    }

    @Test
    void aBurstGoesAtOnceThenCallersAreSpacedByTheRate() throws InterruptedException {
        RateLimiter limiter = limiter(5, 2);

        for (int i = 0; i < 6; i++) {
            limiter.acquire();
        }

        // 2 at once, then one every 200 ms
        assertEquals(List.of(200 * MS, 200 * MS, 200 * MS, 200 * MS), sleeps);
    }

    @Test
    void waitingCallersReserveTheirTurnsInOrder() {
        RateLimiter limiter = limiter(10, 1);

        // five callers arrive at the same instant: each is told its own, later, slot
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(limiter.reserve());
        }

        assertEquals(List.of(0L, 100 * MS, 200 * MS, 300 * MS, 400 * MS), waits);
    }

    @Test
    void aQuietSpellRefillsTheBurstButNoMore() {
        RateLimiter limiter = limiter(10, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.reserve());
        }
        assertEquals(100 * MS, limiter.reserve());

        now += 10_000 * MS; // ten seconds of silence would be 100 tokens; the bucket holds 3

        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.reserve(), "token " + i);
        }
        assertEquals(100 * MS, limiter.reserve());
    }

    @Test
    void partlyRefilledTokensCount() {
        RateLimiter limiter = limiter(4, 1);
        assertEquals(0, limiter.reserve());

        now += 125 * MS; // half a token

        assertEquals(125 * MS, limiter.reserve());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> limiter(0, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, 0));
    }
}

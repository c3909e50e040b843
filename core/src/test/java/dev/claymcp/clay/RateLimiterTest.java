package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

        List<Long> waited = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long before = now;
            limiter.acquire(call(Duration.ofSeconds(50)));
            waited.add(now - before);
        }

        // 2 at once, then one every 200 ms
        assertEquals(List.of(0L, 0L, 200 * MS, 200 * MS, 200 * MS, 200 * MS), waited);
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

    /** A tool call with this budget, on the test's clock, that never stops. */
    ClayCall call(Duration budget) {
        return new ClayCall(budget, Optional::empty, () -> now);
    }

    /**
     * The attack run's case: 0.2 requests/s, a burst of 1, a 12 s budget, six calls at once. Three get their turns
     * (now, in 5 s and in 10 s); the others would wait past their budget, so they are refused at once, and take no
     * turn from anyone.
     */
    @Test
    void aTurnThatComesAfterTheCallsBudgetIsRefusedAtOnceAndTakesNothing() {
        RateLimiter limiter = limiter(0.2, 1);
        long budget = Duration.ofSeconds(12).toNanos();

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(limiter.reserve(budget));
        }

        assertEquals(List.of(0L, 5_000 * MS, 10_000 * MS, -15_000 * MS, -15_000 * MS, -15_000 * MS), waits);
        ClayException e = assertThrows(ClayException.class, () -> limiter.acquire(call(Duration.ofSeconds(12))));
        assertEquals(ClayException.Delivery.NOT_SENT, e.delivery());
        assertEquals(ClayException.Kind.STOPPED, e.kind());
        assertTrue(e.getMessage().startsWith("Stopped before sending the request to Clay: this server's rate limit "
                + "towards Clay (CLAY_RATE_LIMIT_PER_SECOND) has other requests queued for the next 15 s, more than "
                + "this call has left of its time budget of 12 s (CLAY_CALL_TIMEOUT). Nothing was sent"), e.getMessage());
        assertEquals(List.of(), sleeps, "a refused call does not wait at all");
    }

    /** A caller cancelled half a second into a five-second wait stops waiting then, and its turn goes to the next. */
    @Test
    void aCallToldToStopWhileWaitingSendsNothingAndGivesItsTurnBack() {
        RateLimiter limiter = limiter(0.2, 1);
        assertEquals(0, limiter.reserve());
        ClayCall cancelled = new ClayCall(Duration.ofSeconds(12),
                () -> now >= 500 * MS ? Optional.of("the client cancelled the call") : Optional.empty(), () -> now);

        ClayException e = assertThrows(ClayException.class, () -> limiter.acquire(cancelled));

        assertEquals("Stopped before sending the request to Clay: the client cancelled the call.", e.getMessage());
        assertEquals(ClayException.Delivery.NOT_SENT, e.delivery());
        assertEquals(List.of(100 * MS, 100 * MS, 100 * MS, 100 * MS, 100 * MS), sleeps,
                "it looked every 100 ms and stopped at the first look after the cancel");
        assertEquals(4_500 * MS, limiter.reserve(), "the next caller gets the turn the cancelled one gave back");
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> limiter(0, 1));
        assertThrows(IllegalArgumentException.class, () -> limiter(1, 0));
    }
}

package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The time budget of one tool call, on a clock the test moves. */
class ClayCallTest {

    long now = 0;

    ClayCall call(Duration budget) {
        return new ClayCall(budget, Optional::empty, () -> now);
    }

    @Test
    void theFirstAttemptAlwaysStartsAndLaterOnesOnlyIfTheyCanEndInTime() {
        ClayCall call = call(Duration.ofSeconds(50));
        Duration attempt = Duration.ofSeconds(35);

        assertTrue(call.mayStartAttempt(attempt));
        now += Duration.ofSeconds(14).toNanos();
        assertTrue(call.mayStartAttempt(attempt), "36 s left");
        now += Duration.ofSeconds(2).toNanos();
        assertFalse(call.mayStartAttempt(attempt), "34 s left");
    }

    @Test
    void aBudgetTooSmallForOneAttemptStillAllowsTheFirst() {
        ClayCall call = call(Duration.ofSeconds(1));

        assertTrue(call.mayStartAttempt(Duration.ofSeconds(35)));
        assertFalse(call.mayStartAttempt(Duration.ofSeconds(35)));
    }

    @Test
    void remainingNeverGoesBelowZero() {
        ClayCall call = call(Duration.ofSeconds(1));
        now += Duration.ofSeconds(5).toNanos();

        assertEquals(Duration.ZERO, call.remaining());
    }

    @Test
    void aScopeMakesItsCallCurrentUntilClosed() {
        AtomicReference<String> stop = new AtomicReference<>();
        ClayCall outer = new ClayCall(Duration.ofSeconds(9), () -> Optional.ofNullable(stop.get()), () -> now);

        try (ClayCall.Scope scope = ClayCall.open(outer)) {
            assertSame(outer, ClayCall.current());
            assertEquals(Optional.empty(), ClayCall.current().stopReason());
            stop.set("the client cancelled the call");
            assertEquals(Optional.of("the client cancelled the call"), ClayCall.current().stopReason());
        }
        assertEquals(Optional.empty(), ClayCall.current().stopReason());
        assertTrue(ClayCall.current().remaining().toHours() > 1, "outside a tool call there are no bounds");
    }
}

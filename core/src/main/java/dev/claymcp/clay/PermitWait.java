package dev.claymcp.clay;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Waiting that belongs to a tool call: in short steps, so that a call told to stop (cancelled, its session ended, the
 * server stopping) stops waiting within one step. The clock and the sleep are injected so that tests need not wait.
 */
final class PermitWait {

    /** How often a waiting call looks whether it was told to stop. */
    static final Duration STEP = Duration.ofMillis(100);

    private PermitWait() {
    }

    /**
     * Sleeps {@code nanos}, unless the call is told to stop first.
     *
     * @return why the call stopped, or empty when the whole time passed
     */
    static Optional<String> sleep(long nanos, ClayCall call, LongSupplier clock, RateLimiter.Sleeper sleeper)
            throws InterruptedException {
        long end = clock.getAsLong() + nanos;
        for (long left = nanos; left > 0; left = end - clock.getAsLong()) {
            Optional<String> stop = call.stopReason();
            if (stop.isPresent()) {
                return stop;
            }
            sleeper.sleepNanos(Math.min(left, STEP.toNanos()));
        }
        return call.stopReason();
    }
}

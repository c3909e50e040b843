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
     * Waits for a rate-limit permit that was taken for the call and is due in {@code nanos}. A negative wait is a
     * permit that would have come after the call's budget (and was not taken): refused at once. A call told to stop,
     * or interrupted, while it waits gives its turn back ({@code giveBack}) and sends nothing.
     *
     * @throws ClayException when the permit comes too late or the call was told to stop; nothing was sent to Clay
     */
    static void awaitTurn(long nanos, ClayCall call, LongSupplier clock, RateLimiter.Sleeper sleeper,
            Runnable giveBack) throws InterruptedException {
        if (nanos < 0) {
            throw ClayFailures.rateLimitBeyondBudget(Duration.ofNanos(-nanos), call.budget());
        }
        if (nanos == 0) {
            return;
        }
        Optional<String> stop;
        try {
            stop = sleep(nanos, call, clock, sleeper);
        } catch (InterruptedException e) {
            giveBack.run();
            throw e;
        }
        if (stop.isPresent()) {
            giveBack.run();
            throw ClayFailures.stopped(stop.get());
        }
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

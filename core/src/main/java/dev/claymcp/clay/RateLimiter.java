package dev.claymcp.clay;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by every session: at most {@code burst} requests at once, then {@code perSecond} on average.
 * A caller that finds the bucket empty reserves the next token and sleeps until it is due, so waiting callers leave
 * in order and evenly spaced. A token due after the caller's time budget is not taken, and a caller that stops while
 * it waits gives its token back. The clock and the sleep are injected so the arithmetic can be tested without waiting.
 */
public class RateLimiter implements ClayRateLimit {

    /** Sleeps for a number of nanoseconds; {@link TimeUnit#sleep} in production. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    private double tokens;
    private long refilledAt;

    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    RateLimiter(double perSecond, int burst, LongSupplier nanoClock, Sleeper sleeper) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("clay.rate-limit.per-second must be > 0 and clay.rate-limit.burst >= 1");
        }
        this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    @Override
    public void acquire(ClayCall call) throws InterruptedException {
        PermitWait.awaitTurn(reserve(call.remaining().toNanos()), call, nanoClock, sleeper, this::refund);
    }

    /** Takes the next token and answers how long the caller must wait before using it. */
    long reserve() {
        return reserve(Long.MAX_VALUE);
    }

    /**
     * Takes the next token when it is due within {@code maxWaitNanos}, and answers how long the caller must wait for
     * it; otherwise takes nothing and answers minus the wait it would have been.
     */
    synchronized long reserve(long maxWaitNanos) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        double left = tokens - 1;
        long wait = left >= 0 ? 0 : (long) Math.ceil(-left / perNano);
        if (wait > maxWaitNanos) {
            return -wait;
        }
        tokens = left;
        return wait;
    }

    /**
     * Gives back the token of a caller that did not send: callers who reserved after it still wait for their own
     * turns, which only ever errs on the slow side.
     */
    synchronized void refund() {
        tokens = Math.min(burst, tokens + 1);
    }
}

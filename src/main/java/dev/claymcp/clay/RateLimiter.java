package dev.claymcp.clay;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by every session: at most {@code burst} requests at once, then {@code perSecond} on average.
 * A caller that finds the bucket empty reserves the next token and sleeps until it is due, so waiting callers leave
 * in order and evenly spaced. The clock and the sleep are injected so the arithmetic can be tested without waiting.
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
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
    }

    /** Takes the next token and answers how long the caller must wait before using it. */
    synchronized long reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
}

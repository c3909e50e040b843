package dev.claymcp.policy;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.claymcp.config.ClayConfig;

/**
 * A token bucket shared by every session: at most {@code burst} requests at once, then {@code perSecond} on average.
 * A caller that finds the bucket empty reserves the next token and sleeps until it is due, so waiting callers leave
 * in order and evenly spaced.
 */
@Singleton
public class RateLimiter {

    private final double perNano;
    private final double burst;

    private double tokens;
    private long refilledAt;

    @Inject
    public RateLimiter(ClayConfig config) {
        this(config.rateLimit().perSecond(), config.rateLimit().burst());
    }

    RateLimiter(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("clay.rate-limit.per-second must be > 0 and clay.rate-limit.burst >= 1");
        }
        this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    /** Blocks until this caller may send one request. */
    public void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }
}

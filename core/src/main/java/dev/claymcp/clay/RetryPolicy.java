package dev.claymcp.clay;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * When a failed call to Clay is tried again. Only calls that neither spend credits nor create data (reads and
 * deletes) are retried, on 429/502/503/504 and on connection failures. The wait doubles with jitter; a
 * {@code Retry-After} from Clay lengthens it but never shortens it below the backoff (a date in the past is no reason
 * to hammer Clay); and all waits of one call together stay under a bound.
 */
public class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxTotalWait;
    /** Jitter in [0, bound]; random in production, fixed in tests. */
    private final LongUnaryOperator jitter;

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxTotalWait) {
        this(maxAttempts, initialBackoff, maxTotalWait, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxTotalWait, LongUnaryOperator jitter) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.maxTotalWait = maxTotalWait;
        this.jitter = jitter;
    }

    public static boolean retryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The wait before attempt {@code attempt + 1}, or empty when the call must fail now.
     *
     * @param attempt attempts made so far (1 after the first)
     * @param waitedSoFar time this call already spent waiting
     * @param retryAfter what Clay asked for, if anything
     */
    public Optional<Duration> nextWait(int attempt, Duration waitedSoFar, Optional<Duration> retryAfter) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 16);
        Duration backoff = Duration.ofMillis(base + jitter.applyAsLong(base / 2));
        Duration wait = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
        if (waitedSoFar.plus(wait).compareTo(maxTotalWait) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}

package dev.claymcp.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import dev.claymcp.config.ClayConfig;

/**
 * When a failed call to Clay is tried again. Only calls that neither spend credits nor create data (reads and
 * deletes) are retried, on 429/502/503/504 and on connection failures; the wait doubles with jitter, honours
 * {@code Retry-After}, and all waits of one call together stay under a bound.
 */
@Singleton
public class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxTotalWait;

    public RetryPolicy(ClayConfig config) {
        this.maxAttempts = Math.max(1, config.retry().maxAttempts());
        this.initialBackoff = config.retry().initialBackoff();
        this.maxTotalWait = config.retry().maxTotalWait();
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
        Duration wait = retryAfter.orElseGet(() -> {
            long base = initialBackoff.toMillis() << Math.min(attempt - 1, 16);
            return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        });
        if (waitedSoFar.plus(wait).compareTo(maxTotalWait) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}

package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When and how long to wait before trying Clay again, with the jitter fixed by the test. */
class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(30), bound -> bound);
    final RetryPolicy noJitter = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(30), bound -> 0);

    @Test
    void theBackoffDoublesWithJitterOfUpToHalf() {
        assertEquals(Optional.of(Duration.ofMillis(250)), noJitter.nextWait(1, Duration.ZERO, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMillis(500)), noJitter.nextWait(2, Duration.ZERO, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMillis(375)), policy.nextWait(1, Duration.ZERO, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMillis(1500)), policy.nextWait(3, Duration.ZERO, Optional.empty()));
    }

    @Test
    void theLastAttemptIsNotFollowedByAWait() {
        assertTrue(noJitter.nextWait(3, Duration.ZERO, Optional.empty()).isPresent());
        assertEquals(Optional.empty(), noJitter.nextWait(4, Duration.ZERO, Optional.empty()));
    }

    @Test
    void retryAfterLengthensTheWait() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), noJitter.nextWait(1, Duration.ZERO,
                Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void aRetryAfterInThePastOrOfZeroStillWaitsTheBackoff() {
        assertEquals(Optional.of(Duration.ofMillis(250)), noJitter.nextWait(1, Duration.ZERO,
                Optional.of(Duration.ZERO)));
        assertEquals(Optional.of(Duration.ofMillis(500)), noJitter.nextWait(2, Duration.ZERO,
                Optional.of(Duration.ofMillis(10))));
    }

    @Test
    void theTotalWaitOfOneCallIsBounded() {
        assertEquals(Optional.empty(), noJitter.nextWait(1, Duration.ZERO, Optional.of(Duration.ofSeconds(31))));
        assertEquals(Optional.empty(), noJitter.nextWait(2, Duration.ofMillis(29_600), Optional.empty()));
        assertTrue(noJitter.nextWait(2, Duration.ofMillis(29_500), Optional.empty()).isPresent());
    }

    @Test
    void onlyTransientStatusesAreRetryable() {
        for (int status : new int[] { 429, 502, 503, 504 }) {
            assertTrue(RetryPolicy.retryableStatus(status), Integer.toString(status));
        }
        for (int status : new int[] { 400, 401, 403, 404, 409, 500 }) {
            assertFalse(RetryPolicy.retryableStatus(status), Integer.toString(status));
        }
    }
}

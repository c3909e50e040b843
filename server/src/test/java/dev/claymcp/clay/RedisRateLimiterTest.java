package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

import dev.claymcp.clay.ClayException.Delivery;
import dev.claymcp.support.Canary;
import dev.claymcp.support.RedisServer;
import dev.claymcp.support.ServerProcess;

/**
 * The shared bucket's script on a real redis-server. Redis' clock moves while the test runs, so each expected wait
 * is bounded on both sides: at most the exact figure, at least that minus the time the test took (what a slow
 * machine adds can only shorten a wait, never lengthen it).
 */
class RedisRateLimiterTest {

    static final String PASSWORD = "redis-password-canary-5150";

    final Vertx vertx = Vertx.vertx();
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        vertx.closeAndAwait();
    }

    Redis client(String url) {
        Redis redis = Redis.createClient(vertx, url);
        closing.add(0, redis::close);
        return redis;
    }

    RedisRateLimiter limiter(Redis redis, String key, double perSecond, int burst) {
        return new RedisRateLimiter(redis, "redis://127.0.0.1", () -> key, perSecond, burst, Duration.ofSeconds(2));
    }

    @Test
    void aBurstGoesAtOnceThenCallersAreSpacedByTheRate() throws InterruptedException {
        RedisServer server = RedisServer.start();
        closing.add(server);
        RedisRateLimiter limiter = limiter(client(server.url()), "bucket-" + UUID.randomUUID(), 5, 2);

        long started = System.nanoTime();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(limiter.reserve(call()));
        }
        long tookMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);

        assertEquals(List.of(0L, 0L), waits.subList(0, 2), "the burst goes at once: " + waits);
        for (int i = 2; i < 6; i++) {
            long exact = (i - 1) * 200_000L; // one token every 200 ms
            long wait = waits.get(i);
            assertTrue(wait <= exact + 1 && wait >= exact - tookMicros, "wait " + i + " of " + waits);
        }
    }

    @Test
    void limitersWithOneKeyShareTheBucketAndOtherKeysDoNot() throws InterruptedException {
        RedisServer server = RedisServer.start();
        closing.add(server);
        String key = "bucket-" + UUID.randomUUID();
        RedisRateLimiter replicaA = limiter(client(server.url()), key, 1, 1);
        RedisRateLimiter replicaB = limiter(client(server.url()), key, 1, 1);
        RedisRateLimiter otherAccount = limiter(client(server.url()), "bucket-" + UUID.randomUUID(), 1, 1);

        long started = System.nanoTime();
        assertEquals(0, replicaA.reserve(call()));
        long waitB = replicaB.reserve(call()); // A took the only token: B waits for the next, a second later
        long tookMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        assertTrue(waitB <= 1_000_000 && waitB >= 1_000_000 - tookMicros, "B waits about 1 s: " + waitB);
        assertEquals(0, otherAccount.reserve(call()), "another account's bucket is full");
    }

    /** A tool call with a minute of budget that is never told to stop. */
    static ClayCall call() {
        return call(Duration.ofMinutes(1));
    }

    static ClayCall call(Duration budget) {
        return new ClayCall(budget, java.util.Optional::empty, System::nanoTime);
    }

    /** A turn that would come after the call's budget is not taken from the shared bucket: the next caller gets it. */
    @Test
    void aTurnBeyondTheBudgetIsNotTakenAndAStoppedCallerGivesItsTurnBack() throws InterruptedException {
        RedisServer server = RedisServer.start();
        closing.add(server);
        String key = "bucket-" + UUID.randomUUID();
        RedisRateLimiter limiter = limiter(client(server.url()), key, 0.2, 1);

        assertEquals(0, limiter.reserve(call()));
        long refused = limiter.reserve(call(Duration.ofSeconds(1)));
        assertTrue(refused <= -4_000_000 && refused >= -5_000_000, "the turn in about 5 s is refused: " + refused);
        ClayException e = assertThrows(ClayException.class, () -> limiter.acquire(call(Duration.ofSeconds(1))));
        assertEquals(Delivery.NOT_SENT, e.delivery());

        // a caller stopped while it waits gives its turn back: the next one waits about 5 s, not 10 s
        ClayCall cancelled = new ClayCall(Duration.ofMinutes(1),
                () -> java.util.Optional.of("the client cancelled the call"), System::nanoTime);
        ClayException stopped = assertThrows(ClayException.class, () -> limiter.acquire(cancelled));
        assertEquals("Stopped before sending the request to Clay: the client cancelled the call.", stopped.getMessage());
        long next = limiter.reserve(call());
        assertTrue(next > 0 && next <= 5_000_000, "the next caller waits for the second turn only: " + next);
    }

    /** Redis that answers with an error says what it answered, never the password, and nothing goes out. */
    @Test
    void whatRedisAnsweredIsSaidAndTheCallStillFailsClosed() throws InterruptedException {
        RedisServer.assumeInstalled();
        int port = ServerProcess.freePort();
        closing.add(RedisServer.start(port, PASSWORD));
        String wrong = "redis://:wrong-" + PASSWORD + "@127.0.0.1:" + port;
        String none = "redis://127.0.0.1:" + port;
        RedisServer replica = RedisServer.start(ServerProcess.freePort(), null, "--replicaof", "127.0.0.1",
                Integer.toString(port));
        closing.add(replica);

        for (var c : List.of(List.of(wrong, "WRONGPASS"), List.of(none, "NOAUTH"), List.of(replica.url(), "READONLY"))) {
            long[] now = {0};
            RedisRateLimiter limiter = new RedisRateLimiter(client(c.get(0)), c.get(0), () -> "bucket-x", 5, 2,
                    Duration.ofSeconds(1), () -> now[0], nanos -> now[0] += nanos);
            ClayException e = assertThrows(ClayException.class, () -> limiter.acquire(call()));
            assertEquals(Delivery.NOT_SENT, e.delivery());
            assertTrue(e.getMessage().contains("refused the request (it answered '") && e.getMessage().contains(c.get(1)),
                    e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), "no password: " + e.getMessage());
        }
    }

    @Test
    void theDefaultKeyIsOnePerApiAndAccountAndHoldsNoSecret() {
        String a = RedisRateLimiter.accountKey("https://api.clay.com", "claysession=" + Canary.COOKIE);
        assertEquals(a, RedisRateLimiter.accountKey("https://api.clay.com", "claysession=" + Canary.COOKIE));
        assertNotEquals(a, RedisRateLimiter.accountKey("https://api.clay.com", "claysession=other"));
        assertNotEquals(a, RedisRateLimiter.accountKey("http://127.0.0.1:1", "claysession=" + Canary.COOKIE));
        assertTrue(a.matches("clay-mcp:rate-limit:[0-9a-f]{32}"), a);
        assertFalse(a.contains(Canary.COOKIE));
    }

    @Test
    void anUnreachableRedisFailsTheCallAfterTheWaitAndItRecoversWhenRedisIsBack() throws InterruptedException {
        int port = ServerProcess.freePort();
        String url = "redis://:" + PASSWORD + "@127.0.0.1:" + port;
        long[] now = {0};
        List<Long> sleeps = new ArrayList<>();
        RedisRateLimiter limiter = new RedisRateLimiter(client(url), url, () -> "bucket-" + UUID.randomUUID(), 5, 2,
                Duration.ofSeconds(10), () -> now[0], nanos -> {
                    sleeps.add(nanos);
                    now[0] += nanos;
                });

        ClayException e = assertThrows(ClayException.class, () -> limiter.acquire(call()));
        assertEquals(Delivery.NOT_SENT, e.delivery());
        assertEquals("This server paces its requests to Clay with a rate limit shared through Redis "
                + "(CLAY_RATE_LIMIT_REDIS_URL), and Redis at 127.0.0.1:" + port + " did not answer within 10000 ms, so "
                + "nothing was sent to Clay (unpaced requests from every replica could get the Clay account throttled). "
                + "Try again shortly; if it persists, the server's operator must check Redis and CLAY_RATE_LIMIT_REDIS_URL.",
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), "the password in the URL is never shown");
        // it asked again every 200 ms until the wait was up (on the test's clock: no real waiting)
        assertEquals(java.util.Collections.nCopies(50, 200L),
                sleeps.stream().map(TimeUnit.NANOSECONDS::toMillis).toList());

        RedisServer.assumeInstalled();
        closing.add(RedisServer.start(port, PASSWORD));
        sleeps.clear();
        limiter.acquire(call()); // succeeds within the 10 s wait, however busy the machine
        assertTrue(sleeps.stream().allMatch(n -> n == RedisRateLimiter.RETRY_STEP.toNanos()),
                "a full bucket: no wait for a token, at most a retry while the connection comes back " + sleeps);
    }
}

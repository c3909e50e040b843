package dev.claymcp.clay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

import dev.claymcp.clay.ClayException.Delivery;
import dev.claymcp.clay.ClayException.Kind;

/**
 * The token bucket of {@link RateLimiter}, kept in Redis so that every replica using one Clay account draws from the
 * same bucket. One Lua script refills, takes a token and answers the wait, atomically and on Redis' own clock, so
 * replicas with skewed clocks still agree.
 * <p>
 * When Redis does not answer, a call retries for {@code maxWait} (long enough to ride out a restart or a fail-over)
 * and then fails without sending anything to Clay. It never goes out unpaced: with N replicas that would be N times
 * the account's rate, which gets the whole account throttled (or its credits spent faster) for everyone.
 */
public class RedisRateLimiter implements ClayRateLimit {

    private static final Logger LOG = Logger.getLogger(RedisRateLimiter.class);

    /** KEYS[1] the bucket; ARGV[1] tokens per second; ARGV[2] burst. Answers the wait in microseconds. */
    static final String SCRIPT = """
            local now = redis.call('TIME')
            local micros = tonumber(now[1]) * 1000000 + tonumber(now[2])
            local perMicro = tonumber(ARGV[1]) / 1000000
            local burst = tonumber(ARGV[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or micros
            if micros > at then
              tokens = math.min(burst, tokens + (micros - at) * perMicro)
              at = micros
            end
            tokens = tokens - 1
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMicro / 1000) + 60000)
            if tokens >= 0 then return 0 end
            return math.ceil(-tokens / perMicro)
            """;

    /** How often an unanswered call asks Redis again while it waits. */
    static final Duration RETRY_STEP = Duration.ofMillis(200);

    private final Redis redis;
    private final String where;
    private final Supplier<String> key;
    private final String perSecond;
    private final String burst;
    private final Duration maxWait;
    private final LongSupplier nanoClock;
    private final RateLimiter.Sleeper sleeper;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * @param url the Redis URL, used only to name the host and port in messages (never the password)
     * @param key the bucket's name, asked for each request (the cookie, and so the account, can change at run time)
     */
    public RedisRateLimiter(Redis redis, String url, Supplier<String> key, double perSecond, int burst,
            Duration maxWait) {
        this(redis, url, key, perSecond, burst, maxWait, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    RedisRateLimiter(Redis redis, String url, Supplier<String> key, double perSecond, int burst, Duration maxWait,
            LongSupplier nanoClock, RateLimiter.Sleeper sleeper) {
        this.redis = redis;
        this.where = hostAndPort(url);
        this.key = key;
        this.perSecond = Double.toString(perSecond);
        this.burst = Integer.toString(burst);
        this.maxWait = maxWait;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * Connects to Redis now, in the background, so that the first call does not also pay for the connection; a
     * failure here only shows on the first call that needs Redis.
     */
    public RedisRateLimiter connect() {
        redis.send(Request.cmd(Command.PING)).subscribe().with(ok -> { }, failure -> { });
        return this;
    }

    /**
     * The default bucket name: one per Clay API and account, from a hash of the cookie, so that nothing in Redis can
     * be turned back into the cookie.
     */
    public static String accountKey(String apiUrl, String cookieHeader) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((apiUrl + "\n" + cookieHeader).getBytes(StandardCharsets.UTF_8));
            return "clay-mcp:rate-limit:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * @throws ClayException when Redis has not answered for {@code maxWait}; nothing was sent to Clay
     */
    @Override
    public void acquire() throws InterruptedException {
        long waitNanos = TimeUnit.MICROSECONDS.toNanos(reserve());
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
    }

    /** Takes the next token from the shared bucket and answers how many microseconds the caller must wait for it. */
    long reserve() throws InterruptedException {
        long deadline = nanoClock.getAsLong() + maxWait.toNanos();
        while (true) {
            long left = deadline - nanoClock.getAsLong();
            try {
                long micros = redis.send(Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(key.get())
                        .arg(perSecond).arg(burst))
                        .await().atMost(Duration.ofNanos(Math.max(left, RETRY_STEP.toNanos())))
                        .toLong();
                if (down.compareAndSet(true, false)) {
                    LOG.infof("Redis at %s answers again; calls to Clay are paced by the shared rate limit.", where);
                }
                return micros;
            } catch (RuntimeException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (down.compareAndSet(false, true)) {
                    LOG.warnf("Redis at %s (CLAY_RATE_LIMIT_REDIS_URL) does not answer (%s); calls to Clay fail "
                            + "after waiting %d ms for it rather than go out unpaced.", where,
                            e.getClass().getSimpleName(), maxWait.toMillis());
                }
                left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    throw unreachable();
                }
                sleeper.sleepNanos(Math.min(left, RETRY_STEP.toNanos()));
            }
        }
    }

    private ClayException unreachable() {
        return new ClayException(Kind.UNAVAILABLE, 0, Delivery.NOT_SENT,
                "This server paces its requests to Clay with a rate limit shared through Redis (CLAY_RATE_LIMIT_REDIS_URL), "
                        + "and Redis at " + where + " did not answer within " + maxWait.toMillis() + " ms, so nothing "
                        + "was sent to Clay (unpaced requests from every replica could get the Clay account "
                        + "throttled). Try again shortly; if it persists, the server's operator must check Redis.");
    }

    /** host:port of a Redis URL, without the user name or password it may carry. */
    static String hostAndPort(String url) {
        try {
            URI uri = URI.create(url.strip());
            return uri.getHost() == null ? "(the configured address)"
                    : uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(the configured address)";
        }
    }
}

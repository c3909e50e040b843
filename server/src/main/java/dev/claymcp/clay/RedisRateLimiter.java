package dev.claymcp.clay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
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

    /**
     * KEYS[1] the bucket; ARGV[1] tokens per second; ARGV[2] burst; ARGV[3] the longest wait the caller accepts, in
     * microseconds. Takes a token and answers the wait for it in microseconds, or takes nothing and answers minus the
     * wait when that is longer than the caller accepts.
     */
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
            local wait = 0
            if tokens < 0 then wait = math.ceil(-tokens / perMicro) end
            if wait > tonumber(ARGV[3]) then return -wait end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMicro / 1000) + 60000)
            return wait
            """;

    /** KEYS[1] the bucket; ARGV[1] burst. Gives back the token of a caller that did not send. */
    static final String REFUND = """
            local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
            if tokens == nil then return 0 end
            redis.call('HSET', KEYS[1], 'tokens', tostring(math.min(tonumber(ARGV[1]), tokens + 1)))
            return 1
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
    /** The password in the URL, kept only to take it out of what Redis says. */
    private final String password;

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
        this.password = password(url);
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
     * @throws ClayException when no permit can be had for this call: Redis did not answer (or refused) for
     *         {@code maxWait}, the permit would come after the call's budget, or the call was told to stop; nothing
     *         was sent to Clay
     */
    @Override
    public void acquire(ClayCall call) throws InterruptedException {
        PermitWait.awaitTurn(TimeUnit.MICROSECONDS.toNanos(reserve(call)), call, nanoClock, sleeper, this::refund);
    }

    /**
     * Takes the next token from the shared bucket, if it comes within what is left of the call's budget, and answers
     * how many microseconds the caller must wait for it (minus that when the token was not taken). While Redis does
     * not answer it asks again, for at most {@code maxWait} and never beyond the call's budget or its stop.
     */
    long reserve(ClayCall call) throws InterruptedException {
        long bound = Math.min(maxWait.toNanos(), Math.max(call.remaining().toNanos(), 0));
        long deadline = nanoClock.getAsLong() + bound;
        String problem = null;
        while (true) {
            long left = deadline - nanoClock.getAsLong();
            Optional<String> stop = call.stopReason();
            if (stop.isPresent()) {
                throw ClayFailures.stopped(stop.get());
            }
            try {
                long budgetMicros = TimeUnit.NANOSECONDS.toMicros(Math.max(call.remaining().toNanos(), 0));
                long micros = redis.send(Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(key.get())
                        .arg(perSecond).arg(burst).arg(budgetMicros))
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
                problem = describe(e);
                if (down.compareAndSet(false, true)) {
                    LOG.warnf("Redis at %s (CLAY_RATE_LIMIT_REDIS_URL) %s; calls to Clay fail after waiting %d ms for "
                            + "it rather than go out unpaced.", where, problem, maxWait.toMillis());
                }
                left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    throw unavailable(problem, Duration.ofNanos(bound));
                }
                sleeper.sleepNanos(Math.min(left, RETRY_STEP.toNanos()));
            }
        }
    }

    /** Gives the token back to the shared bucket, best effort: at worst the bucket stays a token short for a moment. */
    private void refund() {
        redis.send(Request.cmd(Command.EVAL).arg(REFUND).arg(1).arg(key.get()).arg(burst))
                .subscribe().with(ok -> { }, failure -> { });
    }

    /**
     * What went wrong, in words for an operator: what Redis answered when it answered with an error (a wrong or
     * missing password, a read-only replica), else that it did not answer. Never the password.
     */
    private String describe(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // the Redis client's error replies: the answer Redis gave, e.g. "WRONGPASS …", "NOAUTH …", "READONLY …"
            if (t.getClass().getName().equals("io.vertx.redis.client.impl.types.ErrorType") && t.getMessage() != null) {
                String said = t.getMessage().strip();
                if (password != null && !password.isEmpty()) {
                    said = said.replace(password, "[redacted]");
                }
                return "answered '" + (said.length() > 200 ? said.substring(0, 200) + "…" : said) + "'";
            }
        }
        return "does not answer (" + e.getClass().getSimpleName() + ")";
    }

    private ClayException unavailable(String problem, Duration waited) {
        String what = problem.startsWith("answered")
                ? "refused the request (it " + problem + ")"
                : "did not answer within " + waited.toMillis() + " ms";
        return new ClayException(Kind.UNAVAILABLE, 0, Delivery.NOT_SENT,
                "This server paces its requests to Clay with a rate limit shared through Redis (CLAY_RATE_LIMIT_REDIS_URL), "
                        + "and Redis at " + where + " " + what + ", so nothing was sent to Clay (unpaced requests from "
                        + "every replica could get the Clay account throttled). Try again shortly; if it persists, the "
                        + "server's operator must check Redis and CLAY_RATE_LIMIT_REDIS_URL.");
    }

    /** The password a Redis URL carries, or null. */
    static String password(String url) {
        try {
            String userInfo = URI.create(url.strip()).getUserInfo();
            return userInfo == null ? null : userInfo.substring(userInfo.indexOf(':') + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
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

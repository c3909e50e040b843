package dev.claymcp.hosting;

import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;

import dev.claymcp.clay.ClayRateLimit;
import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.clay.RateLimiter;
import dev.claymcp.clay.RedisRateLimiter;
import dev.claymcp.config.ClayConfig;

/**
 * The hosted server's rate limit towards Clay: with {@code CLAY_RATE_LIMIT_REDIS_URL}, one bucket in Redis that every
 * replica using the same Clay account shares; without, the bucket of this process, as in the desktop build.
 */
public class SharedRateLimit {

    @Produces
    @Singleton
    ClayRateLimit rateLimit(ClayConfig config, ClaySessionCookie cookie, Instance<Redis> redis) {
        var limit = config.rateLimit();
        if (config.sandbox() || limit.redisUrl().isEmpty()) {
            return new RateLimiter(limit.perSecond(), limit.burst());
        }
        // the Redis client is set up from the URL by HostedConfigSourceFactory and made only here
        Supplier<String> key = limit.redisKey().map(k -> (Supplier<String>) () -> k)
                .orElse(() -> RedisRateLimiter.accountKey(config.apiUrl(), cookie.headerValue().orElse("")));
        return new RedisRateLimiter(redis.get(), limit.redisUrl().get(), key, limit.perSecond(), limit.burst(),
                limit.redisWait()).connect();
    }

    /**
     * Makes a rate limit shared through Redis once every other start-up check has passed, so that it connects now
     * rather than on the first call.
     */
    void connect(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, ClayConfig config,
            Instance<ClayRateLimit> rateLimit) {
        if (!config.sandbox() && config.rateLimit().redisUrl().isPresent()) {
            rateLimit.get();
        }
    }
}

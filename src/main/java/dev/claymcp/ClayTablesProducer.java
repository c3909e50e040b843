package dev.claymcp;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Redis;

import dev.claymcp.clay.ClayDialect;
import dev.claymcp.clay.ClayMetrics;
import dev.claymcp.clay.ClayRateLimit;
import dev.claymcp.clay.ClayRestClient;
import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.HttpClayTables;
import dev.claymcp.clay.RateLimiter;
import dev.claymcp.clay.RedisRateLimiter;
import dev.claymcp.clay.RetryPolicy;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.sandbox.SandboxClayTables;

/** Chooses the Clay the tools talk to: the real API, or the in-memory sandbox when {@code CLAY_SANDBOX=true}. */
public class ClayTablesProducer {

    @Produces
    @Singleton
    ClayRateLimit rateLimit(ClayConfig config, ClaySessionCookie cookie, Instance<Redis> redis) {
        var limit = config.rateLimit();
        if (limit.redisUrl().isEmpty()) {
            return new RateLimiter(limit.perSecond(), limit.burst());
        }
        // replicas with one Clay account share one bucket (the Redis client is set up from the URL by
        // DerivedConfigSourceFactory and made only here)
        Supplier<String> key = limit.redisKey().map(k -> (Supplier<String>) () -> k)
                .orElse(() -> RedisRateLimiter.accountKey(config.apiUrl(), cookie.headerValue().orElse("")));
        return new RedisRateLimiter(redis.get(), limit.redisUrl().get(), key, limit.perSecond(), limit.burst(),
                limit.redisWait()).connect();
    }

    @Produces
    @Singleton
    ClayTables clayTables(ClayConfig config, @RestClient Instance<ClayRestClient> client, ClaySessionCookie cookie,
            ClayRateLimit rateLimit, MeterRegistry meters) {
        if (config.sandbox()) {
            return new SandboxClayTables(config.sandboxMaxRows()); // the REST client is never made
        }
        var retry = config.retry();
        return new HttpClayTables(client.get(), cookie, rateLimit,
                new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxTotalWait()),
                new HttpClayTables.Limits(Duration.ofMillis(config.connectTimeoutMs()),
                        Duration.ofMillis(config.readTimeoutMs()), config.maxResponseBytes()),
                new ClayMetrics(meters), new ClayDialect(ClayDialect.Mode.parse(config.apiDialect())));
    }
}

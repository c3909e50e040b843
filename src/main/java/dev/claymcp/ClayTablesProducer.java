package dev.claymcp;

import java.time.Duration;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.micrometer.core.instrument.MeterRegistry;

import dev.claymcp.clay.ClayMetrics;
import dev.claymcp.clay.ClayRateLimit;
import dev.claymcp.clay.ClayRestClient;
import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.HttpClayTables;
import dev.claymcp.clay.RateLimiter;
import dev.claymcp.clay.RetryPolicy;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.sandbox.SandboxClayTables;

/** Chooses the Clay the tools talk to: the real API, or the in-memory sandbox when {@code CLAY_SANDBOX=true}. */
public class ClayTablesProducer {

    @Produces
    @Singleton
    ClayRateLimit rateLimit(ClayConfig config) {
        return new RateLimiter(config.rateLimit().perSecond(), config.rateLimit().burst());
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
                new ClayMetrics(meters));
    }
}

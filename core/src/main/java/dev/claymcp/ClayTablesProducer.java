package dev.claymcp;

import java.time.Duration;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.arc.DefaultBean;

import dev.claymcp.clay.ClayDialect;
import dev.claymcp.clay.ClayMetrics;
import dev.claymcp.clay.ClayRateLimit;
import dev.claymcp.clay.ClayRestClient;
import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.HttpClayTables;
import dev.claymcp.clay.RateLimiter;
import dev.claymcp.clay.RetryPolicy;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.SessionCallers;
import dev.claymcp.policy.ToolCallMetrics;
import dev.claymcp.sandbox.SandboxClayTables;

/**
 * Chooses the Clay the tools talk to (the real API, or the in-memory sandbox when {@code CLAY_SANDBOX=true}), and the
 * desktop server's parts that the hosted server replaces with its own (the rate limit, metrics, callers).
 */
public class ClayTablesProducer {

    /** The rate limit of this process; the hosted server replaces it with one shared through Redis when asked to. */
    @Produces
    @Singleton
    @DefaultBean
    ClayRateLimit rateLimit(ClayConfig config) {
        return new RateLimiter(config.rateLimit().perSecond(), config.rateLimit().burst());
    }

    /** No metrics: nobody scrapes a desktop server. The hosted server has its own. */
    @Produces
    @Singleton
    @DefaultBean
    ClayMetrics clayMetrics() {
        return ClayMetrics.NONE;
    }

    @Produces
    @Singleton
    @DefaultBean
    ToolCallMetrics toolCallMetrics() {
        return ToolCallMetrics.NONE;
    }

    /** Nobody but the one client of a stdio session: the hosted server knows who opened each session. */
    @Produces
    @Singleton
    @DefaultBean
    SessionCallers sessionCallers() {
        return sessionId -> java.util.Optional.empty();
    }

    @Produces
    @Singleton
    ClayTables clayTables(ClayConfig config, @RestClient Instance<ClayRestClient> client, ClaySessionCookie cookie,
            ClayRateLimit rateLimit, ClayMetrics metrics) {
        if (config.sandbox()) {
            return new SandboxClayTables(config.sandboxMaxRows()); // the REST client is never made
        }
        var retry = config.retry();
        return new HttpClayTables(client.get(), cookie, rateLimit,
                new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxTotalWait()),
                new HttpClayTables.Limits(Duration.ofMillis(config.connectTimeoutMs()),
                        Duration.ofMillis(config.readTimeoutMs()), config.maxResponseBytes()),
                metrics, new ClayDialect(config.apiDialect()));
    }
}

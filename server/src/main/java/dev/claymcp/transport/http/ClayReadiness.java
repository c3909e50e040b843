package dev.claymcp.transport.http;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.ServerLifecycle;

/**
 * Ready when the server can serve calls: in sandbox mode, or with a Clay session cookie configured, and not stopping
 * (so a load balancer sends no new sessions to a replica that is shutting down). Says which, never the cookie, and
 * never calls Clay (a health probe must not spend the account's rate limit).
 */
@Readiness
@Singleton
public class ClayReadiness implements HealthCheck {

    private final ClayConfig config;
    private final ClaySessionCookie cookie;
    private final ServerLifecycle lifecycle;

    public ClayReadiness(ClayConfig config, ClaySessionCookie cookie, ServerLifecycle lifecycle) {
        this.config = config;
        this.cookie = cookie;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        if (lifecycle.isStopping()) {
            return HealthCheckResponse.named("clay").down().withData("stopping", "the server is shutting down").build();
        }
        if (config.sandbox()) {
            return HealthCheckResponse.named("clay").up().withData("backend", "sandbox").build();
        }
        return HealthCheckResponse.named("clay").status(cookie.isConfigured()).withData("backend", "clay")
                .withData("cookie", cookie.isConfigured() ? "configured" : "missing: set CLAY_SESSION_COOKIE").build();
    }
}

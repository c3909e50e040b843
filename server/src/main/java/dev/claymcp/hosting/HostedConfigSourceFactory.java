package dev.claymcp.hosting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

import dev.claymcp.config.DerivedConfigSourceFactory;

/**
 * The hosted build's part of {@link DerivedConfigSourceFactory}: what our own switches imply for the HTTP server,
 * CORS, the management port, OAuth (quarkus-oidc) and Redis, so that users set one variable.
 */
public class HostedConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        boolean http = DerivedConfigSourceFactory.value(context, "clay.mcp.transport", "stdio").trim()
                .equalsIgnoreCase("http");
        derived.put("quarkus.http.host-enabled", Boolean.toString(http));
        // metrics are for a hosted server; in stdio mode (docker run -i) no port is bound at all
        derived.put("quarkus.management.host-enabled", Boolean.toString(http));
        if (http) {
            // CORS answers for any origin that reaches it: HttpGuard, which runs first, lets through only the
            // origins OriginRule allows and answers 403 to the rest, so the two cannot disagree
            derived.put("quarkus.http.cors.origins", "/.*/");
            // connections: a cap (so a flood of slow or idle ones cannot use up the process's file descriptors) and
            // an idle time after which they are closed
            derived.put("quarkus.http.limits.max-connections",
                    DerivedConfigSourceFactory.value(context, "clay.mcp.max-connections", "2000").trim());
            derived.put("quarkus.http.idle-timeout",
                    DerivedConfigSourceFactory.value(context, "clay.mcp.idle-timeout", "90s").trim());
        }
        String issuer = DerivedConfigSourceFactory.value(context, "clay.mcp.oauth.issuer", "").trim();
        if (http && !issuer.isEmpty()) {
            // quarkus-oidc checks signature (keys from the issuer's discovery document), expiry, the issuer its
            // discovery document names, and audience
            derived.put("quarkus.oidc.tenant-enabled", "true");
            derived.put("quarkus.oidc.auth-server-url", issuer);
            derived.put("quarkus.oidc.token.audience",
                    DerivedConfigSourceFactory.value(context, "clay.mcp.oauth.audience", "").trim());
        }
        String redis = DerivedConfigSourceFactory.value(context, "clay.rate-limit.redis-url", "").trim();
        // the Redis client exists only for the shared rate limit; without a URL it is not even made, and with one
        // that is not a Redis URL it is not made either, so that the start-up check can refuse it in plain words
        boolean redisUrl = redis.matches(DerivedConfigSourceFactory.REDIS_URL);
        derived.put("quarkus.redis.active", Boolean.toString(redisUrl));
        if (redisUrl) {
            derived.put("quarkus.redis.hosts", redis);
        }
        return List.of(new PropertiesConfigSource(derived, "clay-mcp-hosted", DerivedConfigSourceFactory.ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(DerivedConfigSourceFactory.ORDINAL);
    }
}

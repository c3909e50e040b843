package dev.claymcp.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns our own switches into the library settings they imply, so that users set one variable and tests use the
 * same path: {@code CLAY_MCP_TRANSPORT} picks stdio (no HTTP listener) or HTTP (no stdio), and {@code CLAY_SANDBOX}
 * makes the server's title and instructions say it is a sandbox. Ranked above application.properties and below
 * environment variables and system properties, so an explicit Quarkus setting still wins.
 */
public class DerivedConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    /** What CLAY_RATE_LIMIT_REDIS_URL must look like. */
    public static final String REDIS_URL = "(?i)rediss?://\\S+";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String transport = value(context, "clay.mcp.transport", "stdio").trim().toLowerCase();
        boolean http = transport.equals("http");
        derived.put("quarkus.mcp.server.stdio.enabled", Boolean.toString(!http));
        derived.put("quarkus.http.host-enabled", Boolean.toString(http));
        // metrics are for a hosted server; a desktop client's copies bind no port at all
        derived.put("quarkus.management.host-enabled", Boolean.toString(http));
        // idle HTTP sessions end after clay.mcp.session-idle-timeout; the one stdio session never idles out
        derived.put("quarkus.mcp.server.connection-idle-timeout",
                http ? value(context, "clay.mcp.session-idle-timeout", "10m").trim() : "0");
        if (http) {
            // CORS answers for any origin that reaches it: HttpGuard, which runs first, lets through only the
            // origins OriginRule allows and answers 403 to the rest, so the two cannot disagree
            derived.put("quarkus.http.cors.origins", "/.*/");
            // connections: a cap (so a flood of slow or idle ones cannot use up the process's file descriptors) and
            // an idle time after which they are closed
            derived.put("quarkus.http.limits.max-connections", value(context, "clay.mcp.max-connections", "2000").trim());
            derived.put("quarkus.http.idle-timeout", value(context, "clay.mcp.idle-timeout", "90s").trim());
        }
        String issuer = value(context, "clay.mcp.oauth.issuer", "").trim();
        if (http && !issuer.isEmpty()) {
            // quarkus-oidc checks signature (keys from the issuer's discovery document), expiry, the issuer its
            // discovery document names, and audience
            derived.put("quarkus.oidc.tenant-enabled", "true");
            derived.put("quarkus.oidc.auth-server-url", issuer);
            derived.put("quarkus.oidc.token.audience", value(context, "clay.mcp.oauth.audience", "").trim());
        }
        String redis = value(context, "clay.rate-limit.redis-url", "").trim();
        // the Redis client exists only for the shared rate limit; without a URL it is not even made, and with one
        // that is not a Redis URL it is not made either, so that StartupReport can refuse it in plain words
        boolean redisUrl = redis.matches(REDIS_URL);
        derived.put("quarkus.redis.active", Boolean.toString(redisUrl));
        if (redisUrl) {
            derived.put("quarkus.redis.hosts", redis);
        }
        if (Boolean.parseBoolean(value(context, "clay.sandbox", "false").trim())) {
            derived.put("quarkus.mcp.server.server-info.title", "Clay tables - SANDBOX (simulated Clay, no real data)");
            derived.put("quarkus.mcp.server.server-info.instructions", """
                    SANDBOX MODE: this server simulates Clay in memory. Nothing reaches a real Clay workspace, no \
                    credits are spent, and all data is lost when the server stops. Any table id (t_…) and view id \
                    (gv_…) work and start empty. Tell the user results are simulated.""");
        }
        return List.of(new PropertiesConfigSource(derived, "clay-mcp-derived", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}

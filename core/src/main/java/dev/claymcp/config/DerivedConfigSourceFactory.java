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
 * same path: {@code CLAY_MCP_TRANSPORT} turns the stdio transport on or off, and {@code CLAY_SANDBOX} makes the
 * server's title and instructions say it is a sandbox (the hosted build adds the HTTP settings, see
 * {@code HostedConfigSourceFactory}). Ranked above application.properties and below environment variables and system
 * properties, so an explicit Quarkus setting still wins.
 */
public class DerivedConfigSourceFactory implements ConfigSourceFactory {

    public static final int ORDINAL = 275;

    /** What CLAY_RATE_LIMIT_REDIS_URL must look like. */
    public static final String REDIS_URL = "(?i)rediss?://\\S+";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String transport = value(context, "clay.mcp.transport", "stdio").trim().toLowerCase();
        boolean http = transport.equals("http");
        derived.put("quarkus.mcp.server.stdio.enabled", Boolean.toString(!http));
        // idle HTTP sessions end after clay.mcp.session-idle-timeout; the one stdio session never idles out
        derived.put("quarkus.mcp.server.connection-idle-timeout",
                http ? value(context, "clay.mcp.session-idle-timeout", "10m").trim() : "0");
        if (Boolean.parseBoolean(value(context, "clay.sandbox", "false").trim())) {
            derived.put("quarkus.mcp.server.server-info.title", "Clay tables - SANDBOX (simulated Clay, no real data)");
            derived.put("quarkus.mcp.server.server-info.instructions", """
                    SANDBOX MODE: this server simulates Clay in memory. Nothing reaches a real Clay workspace, no \
                    credits are spent, and all data is lost when the server stops. Any table id (t_…) and view id \
                    (gv_…) work and start empty. Tell the user results are simulated.""");
        }
        return List.of(new PropertiesConfigSource(derived, "clay-mcp-derived", ORDINAL));
    }

    public static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}

package dev.claymcp.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The configuration as the booted server will see it, read before Quarkus starts: the sources Quarkus reads, in its
 * order (system properties, environment variables in any letter case, {@code ./.env}, {@code
 * ./config/application.properties}, the build's {@code application.properties} and {@code
 * META-INF/microprofile-config.properties}), through the same {@link ClayConfig} mapping with
 * its defaults. So the checks made before the first answer are the booted server's own. (The early answers are keyed
 * from the sources' raw text instead, which is read in a few milliseconds: {@link StartSources}.)
 */
public final class Settings {

    /** Settings that hold secrets: never part of a key or a message. */
    static final Set<String> SECRETS = Set.of("clay.session-cookie", "clay.session-cookie-file", "clay.mcp.auth-tokens",
            "clay.rate-limit.redis-url");

    private final SmallRyeConfig config;
    private final ClayConfig clay;

    private Settings(SmallRyeConfig config) {
        this.config = config;
        this.clay = config.getConfigMapping(ClayConfig.class);
    }

    /**
     * Reads the configuration.
     *
     * @throws IllegalArgumentException with a message naming the setting, when a value cannot be read (a transport
     *         that is not stdio or http, a duration that is not one)
     */
    public static Settings read() {
        ClassLoader loader = Settings.class.getClassLoader();
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(DotEnvConfigSourceProvider.dotEnvSources(loader))
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                // Quarkus' own readings of a duration ("50s") and a path, as the booted server reads them
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withProfile("prod")
                .withMapping(ClayConfig.class)
                .withValidateUnknown(false);
        Path local = Path.of("config", "application.properties").toAbsolutePath();
        if (Files.isRegularFile(local)) {
            builder.withSources(PropertiesConfigSourceLoader.inFileSystem(local.toUri().toString(), 260, loader));
        }
        try {
            return new Settings(builder.build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    private static final java.util.regex.Pattern UNREADABLE = java.util.regex.Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw");

    /**
     * Our own words for a value that could not be read: the converters' message (which names the variable and the
     * values that work), else the variable, its value (unless secret) and what was expected.
     */
    static String reason(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigValidationException v) {
                for (int i = 0; i < v.getProblemCount(); i++) {
                    messages.add(v.getProblem(i).getMessage());
                }
            }
            messages.add(t.getMessage() == null ? "" : t.getMessage());
        }
        for (String m : messages) {
            int ours = m.indexOf("CLAY_");
            if (ours >= 0 && m.substring(ours).matches("(?s)CLAY_[A-Z_]+ must be .*")) {
                return m.substring(ours);
            }
        }
        for (String m : messages) {
            java.util.regex.Matcher unreadable = UNREADABLE.matcher(m);
            if (unreadable.find()) {
                String property = unreadable.group(1);
                boolean secret = SECRETS.contains(property);
                return variable(property) + " cannot be read" + (secret ? "" : " ('" + unreadable.group(2) + "')")
                        + ": a duration is written like 30s, 500ms or 2m, a count as a whole number, a switch as "
                        + "true or false";
            }
        }
        String first = messages.isEmpty() ? e.getClass().getSimpleName() : messages.get(0);
        return "a setting cannot be read: " + first.lines().findFirst().orElse(first);
    }

    /** The environment variable for a property: clay.mcp.drain-timeout is CLAY_MCP_DRAIN_TIMEOUT. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public ClayConfig clay() {
        return clay;
    }

    public Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class);
    }

    /**
     * Whether the configuration may come from somewhere these settings do not see: files named by
     * {@code quarkus.config.locations} or {@code smallrye.config.locations}.
     */
    public boolean hasExtraLocations() {
        return value("quarkus.config.locations").isPresent() || value("smallrye.config.locations").isPresent();
    }
}

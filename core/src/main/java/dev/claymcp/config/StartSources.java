package dev.claymcp.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration as its sources hold it, read in a few milliseconds before Quarkus boots and without the
 * configuration library: system properties, environment variables, {@code ./.env}, {@code
 * ./config/application.properties}, and the build's {@code application.properties} and {@code
 * META-INF/microprofile-config.properties}, in that order of precedence, as Quarkus reads them (an environment
 * variable in any letter case, {@code %prod.} and {@code _PROD_} profile entries first).
 * <p>
 * It gives the key of the early answers ({@link #keying}): every entry that could name a setting of this server, of
 * Quarkus or of the configuration itself, with its value, except secrets, which count only as set or not. A start
 * whose key matches answers that an earlier start of the same build learnt: that start passed every start-up check
 * with exactly these settings, so only the checks of secret values remain, made from {@link #value}.
 */
public final class StartSources {

    private static final String PROFILE = "prod";
    /** Prefixes (of property names, and of environment names in upper case) that can name a setting read here. */
    private static final List<String> OURS = List.of("clay.", "quarkus.", "smallrye.", "mp.", "%");
    private static final List<String> OURS_ENV = List.of("CLAY_", "QUARKUS_", "SMALLRYE_", "MP_", "_");

    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Properties dotEnv;
    private final Properties local;
    private final List<Properties> build;
    private final String localText;
    private final String dotEnvText;
    /** {@link #keying}, made once. */
    private Map<String, String> keying;

    private StartSources(Map<String, String> properties, Map<String, String> environment, String dotEnvText,
            String localText, List<Properties> build) {
        this.properties = properties;
        this.environment = environment;
        this.dotEnvText = dotEnvText;
        this.localText = localText;
        this.dotEnv = parse(dotEnvText);
        this.local = parse(localText);
        this.build = build;
    }

    /** Reads the sources of this process, in its working directory. */
    public static StartSources read() {
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        Path dir = Path.of(System.getProperty("user.dir", "."));
        ClassLoader loader = StartSources.class.getClassLoader();
        List<Properties> build = new ArrayList<>();
        for (String resource : List.of("application.properties", "META-INF/microprofile-config.properties")) {
            try {
                for (URL url : Collections.list(loader.getResources(resource))) {
                    try (InputStream in = url.openStream()) {
                        build.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            } catch (IOException e) {
                // not readable: the booted server would fail on it too
            }
        }
        return new StartSources(properties, new TreeMap<>(System.getenv()), text(dir.resolve(".env")),
                text(dir.resolve("config").resolve("application.properties")), build);
    }

    static StartSources of(Map<String, String> properties, Map<String, String> environment, String dotEnv,
            String local) {
        return new StartSources(new TreeMap<>(properties), new TreeMap<>(environment), dotEnv, local, List.of());
    }

    private static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            return "\u0000unreadable " + file; // unreadable now: a key no readable file gives
        }
    }

    private static Properties parse(String text) {
        Properties p = new Properties();
        try (Reader r = new java.io.StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // malformed: the booted server reads what it can, and the text is in the key anyway
        }
        return p;
    }

    /** A property's name as an environment variable: clay.session-cookie is CLAY_SESSION_COOKIE. */
    static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Optional<String> fromEnv(Map<?, ?> env, String name) {
        String wanted = envName(name);
        for (Map.Entry<?, ?> e : env.entrySet()) {
            if (envName(String.valueOf(e.getKey())).equals(wanted)) {
                return Optional.of(String.valueOf(e.getValue()));
            }
        }
        return Optional.empty();
    }

    /** The value the booted server sees for a property, as far as these sources hold it. */
    public Optional<String> value(String name) {
        for (String n : List.of("%" + PROFILE + "." + name, name)) {
            Optional<String> v = Optional.ofNullable(properties.get(n))
                    .or(() -> fromEnv(environment, n))
                    .or(() -> fromEnv(dotEnv, n))
                    .or(() -> Optional.ofNullable(local.getProperty(n)));
            for (Properties p : build) {
                v = v.or(() -> Optional.ofNullable(p.getProperty(n)));
            }
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether some setting may come from where these sources do not look (files named by {@code
     * quarkus.config.locations}), or is written as an expression ({@code ${…}}) that only the library resolves.
     */
    public boolean incomplete() {
        return value("quarkus.config.locations").isPresent() || value("smallrye.config.locations").isPresent()
                || keying().values().stream().anyMatch(v -> v.contains("${")) || dotEnvText.contains("${")
                || localText.contains("${");
    }

    /**
     * The entries that key the early answers: each source's entries that can name a setting read here (secrets
     * only as set), and the whole text of {@code .env} and {@code config/application.properties} (secrets there
     * count by a digest, never kept).
     */
    public synchronized Map<String, String> keying() {
        if (keying != null) {
            return keying;
        }
        Map<String, String> key = new TreeMap<>();
        properties.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            if (OURS.stream().anyMatch(lower::startsWith)) {
                key.put("property:" + k, secret(k) ? "(set)" : v);
            }
        });
        environment.forEach((k, v) -> {
            if (OURS_ENV.stream().anyMatch(envName(k)::startsWith)) {
                key.put("env:" + k, secret(k) ? "(set)" : v);
            }
        });
        key.put("file:.env", digest(dotEnvText));
        key.put("file:config/application.properties", digest(localText));
        keying = Collections.unmodifiableMap(key);
        return keying;
    }

    private static boolean secret(String name) {
        String env = envName(name);
        return Settings.SECRETS.stream().anyMatch(s -> env.equals(envName(s)) || env.endsWith("_" + envName(s)));
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

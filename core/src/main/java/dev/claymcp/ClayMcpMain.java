package dev.claymcp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.DurationConverter;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Settings;
import dev.claymcp.config.StartSources;
import dev.claymcp.config.StartupRefusal;
import dev.claymcp.config.Transport;
import dev.claymcp.transport.StdioGuard;

/**
 * Entry point. Reads the configuration as the booted server will ({@link Settings}) and refuses one that can never
 * work ({@link StartupChecks}) before anything else happens, so a client never sees a handshake from a server that is
 * about to refuse to start. In stdio mode (the default) it then puts {@link StdioGuard} on stdin/stdout before Quarkus
 * starts, since the MCP library takes both streams as its transport initialises.
 */
@QuarkusMain
public class ClayMcpMain {

    /** A class of the MCP library's HTTP transport, which only the hosted build has. */
    static final String HTTP_TRANSPORT = "io/quarkiverse/mcp/server/http/runtime/HttpMcpServerRecorder.class";

    public static void main(String... args) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("--help") || args[0].equals("-h"))) {
            String help = help();
            System.out.println(args[0].equals("--version") ? help.substring(0, help.indexOf(':')) : help);
            return;
        }
        if (args.length > 0) {
            refuse("unknown argument '" + args[0] + "'; try --help.");
        }
        StartSources sources = StartSources.read();
        StdioGuard.Learnt learnt = learnt(sources);
        boolean warm = learnt.warm() && StartupChecks.secretProblems(sources).isEmpty();
        // warm: this build booted with exactly these settings before, passing every check; only the secrets are new
        Duration drain = null;
        int maxMessageBytes = 0;
        boolean stdio = true;
        if (warm) {
            try {
                drain = drainTimeout(sources);
                maxMessageBytes = maxMessageBytes(sources);
            } catch (RuntimeException unreadable) {
                warm = false; // cannot have booted before: the full checks below say what is wrong
            }
        }
        if (!warm) {
            // the full checks say what is wrong, as the booted server would
            ClayConfig config = checkedConfig();
            drain = config.mcp().drainTimeout();
            maxMessageBytes = config.mcp().maxMessageBytes();
            stdio = config.mcp().transport() == Transport.STDIO;
        }
        if (stdio) {
            StdioGuard.install(drain, maxMessageBytes, learnt);
        }
        GracefulStop.onSigterm();
        Quarkus.run(args);
    }

    /**
     * The answers earlier starts learnt for this build and these settings, when this start may use them: stdio, a
     * cache directory, a build id, and every setting seen (none from files named by quarkus.config.locations, and no
     * expressions, which only the configuration library resolves).
     */
    private static StdioGuard.Learnt learnt(StartSources sources) {
        try {
            if (Transport.of(sources.value("clay.mcp.transport").orElse("stdio")) != Transport.STDIO
                    || sources.incomplete()) {
                return StdioGuard.learnt(Optional.empty(), Optional.empty(), Map.of());
            }
        } catch (IllegalArgumentException e) {
            return StdioGuard.learnt(Optional.empty(), Optional.empty(), Map.of());
        }
        return StdioGuard.learnt(cacheDir(sources.value("clay.mcp.cache-dir")), buildId(), sources.keying());
    }

    /** Reads the whole configuration as the booted server will, and refuses one that can never work. */
    private static ClayConfig checkedConfig() {
        Settings settings;
        try {
            settings = Settings.read();
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage() + ". Fix the variable and start again.");
            throw e;
        }
        ClayConfig config = settings.clay();
        if (config.mcp().transport() == Transport.HTTP
                && ClayMcpMain.class.getClassLoader().getResource(HTTP_TRANSPORT) == null) {
            refuse("this is the desktop build, which serves stdio only. For CLAY_MCP_TRANSPORT=http run the hosted "
                    + "build: bin/clay-mcp picks it for you, or clay-mcp-server-http.jar, or "
                    + "jbang clay-mcp-http@claymcp/clay-mcp-server, or the image.");
        }
        try {
            StartupChecks.enforce(config, settings::value);
        } catch (StartupRefusal e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        if (config.mcp().transport() == Transport.HTTP) {
            busyPort(settings).ifPresent(ClayMcpMain::refuse);
        }
        return config;
    }

    /**
     * A port the hosted server is to listen on that something else holds, in words that name the variable to change
     * (Quarkus' own message names neither). Checked by binding it for a moment, as the server will.
     */
    static Optional<String> busyPort(Settings settings) {
        String host = settings.value("quarkus.http.host").orElse("127.0.0.1").strip();
        List<String[]> ports = new java.util.ArrayList<>();
        ports.add(new String[] { "quarkus.http.port", "8080", "QUARKUS_HTTP_PORT", host });
        if (settings.value("quarkus.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            ports.add(new String[] { "quarkus.management.port", "9000", "QUARKUS_MANAGEMENT_PORT",
                    settings.value("quarkus.management.host").orElse(host).strip() });
        }
        for (String[] p : ports) {
            int port;
            try {
                port = Integer.parseInt(settings.value(p[0]).orElse(p[1]).strip());
            } catch (NumberFormatException e) {
                return Optional.of(p[2] + " must be a port number; got '" + settings.value(p[0]).orElse("") + "'.");
            }
            if (port <= 0) {
                continue; // a port the system picks is never busy
            }
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(p[3], port));
            } catch (java.io.IOException e) {
                return Optional.of("port " + port + " on " + p[3] + " is already in use (another copy of this server, "
                        + "or another program). Stop it, or choose another port with " + p[2] + "=<port>.");
            }
        }
        return Optional.empty();
    }

    private static Duration drainTimeout(StartSources sources) {
        return DurationConverter.parseDuration(sources.value("clay.mcp.drain-timeout")
                .orElse(ClayConfig.Mcp.DRAIN_TIMEOUT).strip());
    }

    private static int maxMessageBytes(StartSources sources) {
        return Integer.parseInt(sources.value("clay.mcp.max-message-bytes").orElse(ClayConfig.Mcp.MAX_MESSAGE_BYTES)
                .strip());
    }

    /**
     * Where this server keeps what makes its next start faster (early answers; the launcher keeps the JVM's class
     * cache there too): {@code CLAY_MCP_CACHE_DIR}, or the user's cache directory; {@code off}, in any letter case,
     * keeps nothing.
     */
    static Optional<Path> cacheDir(Optional<String> setting) {
        String configured = setting.map(String::strip).orElse("");
        if (configured.toLowerCase(Locale.ROOT).equals("off")) {
            return Optional.empty();
        }
        if (!configured.isEmpty()) {
            return Optional.of(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : home == null || home.isBlank() ? null : Path.of(home, ".cache");
        return Optional.ofNullable(base).map(b -> b.resolve("clay-mcp-server"));
    }

    /**
     * Which build this is: the jar the JVM runs, and the {@code build-id} beside it (the build's content, written at
     * build time); without one, the jar's size and modification time to the nanosecond. Empty when not run from a
     * jar (an IDE, a test), where nothing is kept.
     */
    static Optional<String> buildId() {
        String first = System.getProperty("java.class.path", "").split(File.pathSeparator)[0];
        if (!first.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(first).toAbsolutePath();
        try {
            Path id = jar.resolveSibling("build-id");
            String content = Files.isRegularFile(id) ? Files.readString(id, StandardCharsets.UTF_8).strip() : "";
            return Optional.of(jar + "|" + (content.isEmpty()
                    ? Files.size(jar) + "|" + Files.getLastModifiedTime(jar).to(TimeUnit.NANOSECONDS)
                    : content));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The help text, whose first words are the name and version; every setting with its default. */
    static String help() {
        try (var in = ClayMcpMain.class.getResourceAsStream("/clay-mcp-server-help.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip() + "\n\n" + SettingsDoc.help();
        } catch (IOException | NullPointerException e) {
            return "clay-mcp-server: see the README";
        }
    }

    private static void refuse(String message) {
        System.err.println("clay-mcp-server: " + message);
        System.exit(2);
    }
}

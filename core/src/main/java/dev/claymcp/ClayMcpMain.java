package dev.claymcp;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.DurationConverter;

import dev.claymcp.config.OAuthAudience;
import dev.claymcp.config.StartupRefusal;
import dev.claymcp.transport.StdioGuard;

/**
 * Entry point. In stdio mode (the default) it puts {@link StdioGuard} on stdin/stdout before Quarkus starts, since
 * the MCP library takes both streams as its transport initialises.
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
        String transport = setting("clay.mcp.transport", "CLAY_MCP_TRANSPORT", "stdio").trim().toLowerCase();
        switch (transport) {
            case "stdio" -> {
                try {
                    StdioGuard.install(DurationConverter.parseDuration(
                            setting("clay.mcp.drain-timeout", "CLAY_MCP_DRAIN_TIMEOUT", "60s").trim()),
                            Integer.parseInt(setting("clay.mcp.max-message-bytes", "CLAY_MCP_MAX_MESSAGE_BYTES",
                                    Integer.toString(StdioGuard.DEFAULT_MAX_LINE_BYTES)).trim()),
                            cacheDir(), appJar());
                } catch (IllegalArgumentException e) {
                    refuse("CLAY_MCP_DRAIN_TIMEOUT must be a duration such as 60s, and CLAY_MCP_MAX_MESSAGE_BYTES a "
                            + "whole number of bytes.");
                }
            }
            case "http" -> {
                if (ClayMcpMain.class.getClassLoader().getResource(HTTP_TRANSPORT) == null) {
                    refuse("this is the desktop build, which serves stdio only. For CLAY_MCP_TRANSPORT=http run the "
                            + "hosted build: bin/clay-mcp picks it for you, or clay-mcp-server-http.jar, or "
                            + "jbang clay-mcp-http@claymcp/clay-mcp-server, or the image.");
                }
                if (!setting("clay.mcp.oauth.issuer", "CLAY_MCP_OAUTH_ISSUER", "").isBlank()) {
                    if (!setting("clay.mcp.auth-tokens", "CLAY_MCP_AUTH_TOKENS", "").replace(",", "").isBlank()) {
                        refuse(StartupReport.OAUTH_AND_TOKENS + ". Fix the variable(s) and start again.");
                    }
                    try {
                        OAuthAudience.base(setting("clay.mcp.oauth.audience", "CLAY_MCP_OAUTH_AUDIENCE", "").strip());
                    } catch (StartupRefusal e) {
                        System.err.println(e.getMessage());
                        System.exit(2);
                    }
                }
            }
            default -> refuse("CLAY_MCP_TRANSPORT must be 'stdio' or 'http'; got '" + transport + "'.");
        }
        stopCleanlyOnTerm();
        Quarkus.run(args);
    }

    /**
     * SIGTERM is how process managers (Kubernetes, systemd, a desktop client) ask a server to stop. It starts the
     * same graceful stop as before (readiness down, calls finish, new sessions refused), and a stop that completes
     * exits 0 rather than the JVM's 143 for a signal, so a supervisor sees a clean exit.
     */
    static void stopCleanlyOnTerm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                termReceived = true;
                Quarkus.asyncExit(0);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
            // Windows has no SIGTERM; the JVM's own handling stays
        }
    }

    /**
     * Whether SIGTERM has arrived. One that arrives while Quarkus is still booting (when a client that got the early
     * answers stops the server at once) would otherwise be lost: Quarkus forgets a stop asked for before it runs.
     */
    static volatile boolean termReceived;

    /**
     * Where this server keeps what makes its next start faster (early answers; the launcher keeps the JVM's class
     * cache there too): {@code CLAY_MCP_CACHE_DIR}, or the user's cache directory; {@code off} keeps nothing.
     */
    static Optional<Path> cacheDir() {
        String configured = setting("clay.mcp.cache-dir", "CLAY_MCP_CACHE_DIR", "").trim();
        if (configured.equalsIgnoreCase("off")) {
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

    /** The jar holding this class, which identifies the build; null when not running from a jar. */
    static Path appJar() {
        try {
            Path location = Path.of(ClayMcpMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? location : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The help text, whose first words are the name and version. */
    static String help() {
        try (var in = ClayMcpMain.class.getResourceAsStream("/clay-mcp-server-help.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException | NullPointerException e) {
            return "clay-mcp-server: see the README";
        }
    }

    private static void refuse(String message) {
        System.err.println("clay-mcp-server: " + message);
        System.exit(2);
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}

package dev.claymcp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Settings;
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
        Settings settings;
        try {
            settings = Settings.read();
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage() + ". Fix the variable and start again.");
            return;
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
        if (config.mcp().transport() == Transport.STDIO) {
            // configuration from files named by quarkus.config.locations is not seen before boot: no early answers
            Optional<String> build = settings.hasExtraLocations() ? Optional.empty() : buildId();
            StdioGuard.install(config.mcp().drainTimeout(), config.mcp().maxMessageBytes(), cacheDir(config), build,
                    build.isPresent() ? settings.shaping() : java.util.Map.of());
        }
        GracefulStop.onSigterm();
        Quarkus.run(args);
    }

    /**
     * Where this server keeps what makes its next start faster (early answers; the launcher keeps the JVM's class
     * cache there too): {@code CLAY_MCP_CACHE_DIR}, or the user's cache directory; {@code off}, in any letter case,
     * keeps nothing.
     */
    static Optional<Path> cacheDir(ClayConfig config) {
        String configured = config.mcp().cacheDir().map(String::strip).orElse("");
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

    /** The help text, whose first words are the name and version. */
    static String help() {
        try (var in = ClayMcpMain.class.getResourceAsStream("/clay-mcp-server-help.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException | NullPointerException e) {
            return "clay-mcp-server: see the README";
        }
    }

    private static void refuse(String message) {
        System.err.println("clay-mcp-server: " + message);
        System.exit(2);
    }
}

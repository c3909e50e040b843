package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * bin/clay-mcp, the launch command users copy: it answers --version and --help at once; it starts without a class
 * cache, records one in the background, uses it on the next start, and starts cleanly past a damaged one. Stdout
 * carries nothing but protocol throughout. (Early answers: {@link EarlyAnswersIT}.)
 */
class LauncherIT {

    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path cacheDir;

    private ServerProcess start(String... args) {
        return ServerProcess.start(Map.of("CLAY_SANDBOX", "true", "CLAY_MCP_CACHE_DIR", cacheDir.toString(),
                "CLAY_MCP_PREPARE", "background",
                "JAVA_OPTS", "-Xlog:class+load=info:stderr"), args);
    }

    private static void assertOnlyProtocolOnStdout(ServerProcess server) {
        for (String line : server.stdout()) {
            assertTrue(new JsonObject(line).getString("jsonrpc", "").equals("2.0"), line);
        }
    }

    private static JsonArray listTools(ServerProcess server) {
        server.initialize();
        server.send(ServerProcess.request(1, "tools/list", null));
        return server.response(1, WAIT).getJsonObject("result").getJsonArray("tools");
    }

    private List<Path> cacheFiles(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void versionAndHelpAnswerAtOnceAndExit() {
        try (ServerProcess server = start("--version")) {
            assertEquals(0, server.waitFor(WAIT));
            assertEquals(1, server.stdout().size(), server.stdout().toString());
            assertTrue(server.stdout().get(0).matches("clay-mcp-server [0-9][0-9A-Za-z.-]*"), server.stdout().get(0));
        }
        try (ServerProcess server = start("--help")) {
            assertEquals(0, server.waitFor(WAIT));
            String help = String.join("\n", server.stdout());
            assertTrue(help.contains("CLAY_SESSION_COOKIE") && help.contains("CLAY_SANDBOX") && help.contains("Usage:"),
                    help);
        }
    }

    @Test
    void aClassCacheIsRecordedInTheBackgroundUsedNextTimeAndAnUnusableOneIsIgnored() throws IOException {
        try (ServerProcess first = start()) {
            assertEquals(13, listTools(first).size());
            assertOnlyProtocolOnStdout(first);
        }
        Conditions.await(WAIT, "the class cache recorded in the background", () -> {
            try {
                return cacheFiles(".jsa").size() + cacheFiles(".aot").size() == 1 && cacheFiles(".lock").isEmpty();
            } catch (IOException e) {
                return false;
            }
        });

        try (ServerProcess second = start()) {
            assertEquals(13, listTools(second).size());
            assertTrue(second.stderr().contains("source: shared objects file"), "classes came from the cache");
            assertOnlyProtocolOnStdout(second);
        }

        Path cache = Stream.concat(cacheFiles(".jsa").stream(), cacheFiles(".aot").stream()).findFirst().orElseThrow();
        cache.toFile().setWritable(true);
        Files.write(cache, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        try (ServerProcess damaged = start()) {
            assertEquals(13, listTools(damaged).size());
            assertOnlyProtocolOnStdout(damaged);
        }
    }

    @Test
    void preparingNeedsACacheDirectory() {
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_MCP_CACHE_DIR", "off"), "--prepare")) {
            assertNotEquals(0, server.waitFor(WAIT));
            assertTrue(server.stderr().contains("no class cache"), server.stderr());
            assertEquals(List.of(), server.stdout());
        }
    }

    /**
     * The README's first install path, from a clone: ./mvnw package, then the checkout's bin/clay-mcp is the command a
     * client runs; it serves the build just made.
     */
    @Test
    void theCheckoutsBinClayMcpServesTheBuild() {
        Path command = Path.of(System.getProperty("build.root")).resolve("bin").resolve("clay-mcp");
        try (ServerProcess server = ServerProcess.run(List.of(command.toString()), Map.of("CLAY_SANDBOX", "true"),
                cacheDir)) {
            assertEquals(13, listTools(server).size());
            assertOnlyProtocolOnStdout(server);
        }
    }
}

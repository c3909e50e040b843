package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ServerProcess;

/**
 * bin\clay-mcp.cmd, as a desktop client on Windows runs it: the server answers over stdio, with nothing but protocol
 * on stdout, records its class cache when asked, and starts with it. (The CI workflow runs this on windows-latest.)
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsLauncherIT {

    static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path cache;

    @Test
    void theCmdLauncherServesOverStdioAndPreparesItsClassCache() throws Exception {
        Path launcher = ServerProcess.launcher().resolveSibling("clay-mcp.cmd").toAbsolutePath();
        assertTrue(Files.isRegularFile(launcher), launcher.toString());
        Map<String, String> env = Map.of("CLAY_SANDBOX", "true", "CLAY_MCP_CACHE_DIR", cache.toString(),
                "CLAY_MCP_PREPARE", "off");

        try (ServerProcess prepare = ServerProcess.run(List.of(launcher.toString(), "--prepare"), env, null)) {
            assertEquals(0, prepare.waitFor(WAIT), prepare.stderr());
            assertTrue(prepare.stderr().contains("class cache ready"), prepare.stderr());
        }
        for (int start = 0; start < 2; start++) {
            ServerProcess server = ServerProcess.run(List.of(launcher.toString()), env, null);
            try {
                server.initialize();
                server.send(ServerProcess.request(1, "tools/list", null));
                assertEquals(13, server.response(1, WAIT).getJsonObject("result").getJsonArray("tools").size());
                for (String line : server.stdout()) {
                    assertEquals("2.0", new JsonObject(line).getString("jsonrpc"), line);
                }
            } finally {
                server.closeStdin();
                server.waitFor(WAIT);
            }
        }
    }
}

package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Refusals;
import dev.claymcp.support.ServerProcess;

/**
 * A configuration that can never work stops the packaged server at once, with one or two plain lines on stderr that
 * say what is wrong, which variable, and what to do: no stack trace, nothing on stdout, a non-zero exit.
 */
@Execution(ExecutionMode.CONCURRENT) // each case is its own process and port
class StartupIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Stream<Arguments> refusedConfigurations() throws IOException {
        String example = Files.readString(Path.of(System.getProperty("build.root")).resolve("mcp-config.example.json"));
        String placeholder = new JsonObject(example).getJsonObject("mcpServers").getJsonObject("clay")
                .getJsonObject("env").getString("CLAY_SESSION_COOKIE");
        return Stream.of(
                Arguments.of(Map.of("CLAY_TOOLS", "count_rows,cuont_rows"), "clay-mcp-server: unknown tool name(s) in "
                        + "CLAY_TOOLS / CLAY_EXCLUDE_TOOLS: cuont_rows. Valid names: add_rows, add_webhook_source, "
                        + "count_rows, delete_all_rows, delete_row, delete_source, enrichment_status, get_table, "
                        + "list_record_ids, list_sources, list_tables, read_rows, run_enrichment."),
                Arguments.of(Map.of("CLAY_SESSION_COOKIE", Canary.COOKIE + "; other=1"), "clay-mcp-server: "
                        + "CLAY_SESSION_COOKIE holds a space, a line break, a control character or ';'. Give only the "
                        + "value of the claysession cookie, on one line, without other cookies."),
                Arguments.of(Map.of("CLAY_SESSION_COOKIE", placeholder), "clay-mcp-server: CLAY_SESSION_COOKIE is still "
                        + "the example's placeholder text. Replace it with the value of your claysession cookie"),
                // the desktop build serves stdio alone, and says what runs HTTP
                Arguments.of(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true"),
                        "clay-mcp-server: this is the desktop build, which serves stdio only. For CLAY_MCP_TRANSPORT=http "
                                + "run the hosted build: bin/clay-mcp picks it for you"),
                Arguments.of(Map.of("CLAY_MCP_TRANSPORT", "carrier-pigeon"),
                        "clay-mcp-server: CLAY_MCP_TRANSPORT must be 'stdio' or 'http'; got 'carrier-pigeon'."),
                Arguments.of(Map.of("CLAY_ELICITATION_TIMEOUT", "5m", "CLAY_SANDBOX", "true"),
                        "clay-mcp-server: CLAY_ELICITATION_TIMEOUT must be more than 0 and at most 30s"),
                // the URL is not repeated: it may hold a password
                Arguments.of(Map.of("CLAY_RATE_LIMIT_REDIS_URL", "redis-host:6379", "CLAY_SANDBOX", "true"),
                        "clay-mcp-server: CLAY_RATE_LIMIT_REDIS_URL must look like redis://host:6379 (or rediss:// for "
                                + "TLS, redis://:password@host:6379 with a password). Fix the variable(s) and start "
                                + "again."));
    }

    @ParameterizedTest
    @MethodSource("refusedConfigurations")
    void aRefusedConfigurationSaysWhyInAFewPlainLines(Map<String, String> env, String expectedStart) {
        Refusals.assertRefusedInPlainLines(env, expectedStart, WAIT);
    }

    @Test
    void aCookieFileThatDoesNotExistYetIsFineUntilACallNeedsIt(@TempDir Path dir) {
        Path file = dir.resolve("cookie.txt");
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_SESSION_COOKIE_FILE", file.toString(),
                "CLAY_API_URL", "http://127.0.0.1:" + ServerProcess.freePort()))) {
            server.initialize();
            server.send(ServerProcess.toolCall(2, "count_rows", new JsonObject().put("tableId", "t_abc")));

            JsonObject result = server.response(2, WAIT).getJsonObject("result");

            assertTrue(result.getBoolean("isError"));
            assertTrue(result.getJsonArray("content").getJsonObject(0).getString("text").startsWith("The cookie file named "
                    + "by CLAY_SESSION_COOKIE_FILE (" + file + ") does not exist yet, so nothing was sent to Clay."));
            assertTrue(server.stderr().contains("the cookie file " + file + " does not exist yet: calls will say how to "
                    + "create it"), server.stderr());
        }
    }
}

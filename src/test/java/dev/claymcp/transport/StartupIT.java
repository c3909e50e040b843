package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * A configuration that can never work stops the packaged server at once, with one or two plain lines on stderr that
 * say what is wrong, which variable, and what to do: no stack trace, nothing on stdout, a non-zero exit.
 */
@Execution(ExecutionMode.CONCURRENT) // each case is its own process and port
class StartupIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Stream<Arguments> refusedConfigurations() throws IOException {
        String example = Files.readString(Path.of("mcp-config.example.json"));
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
                Arguments.of(Map.of("CLAY_MCP_TRANSPORT", "http", "QUARKUS_HTTP_HOST", "0.0.0.0", "CLAY_SANDBOX", "true"),
                        "clay-mcp-server: refusing to serve MCP over HTTP on 0.0.0.0 without authentication"),
                Arguments.of(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true",
                        "CLAY_MCP_OAUTH_ISSUER", "https://id.example.com/realms/clay",
                        "CLAY_MCP_OAUTH_AUDIENCE", "clay-mcp"),
                        "clay-mcp-server: CLAY_MCP_OAUTH_AUDIENCE must be this server's public /mcp URL"),
                // attack run finding 4: static tokens skipped OAuth's scope check; the two are not mixed
                Arguments.of(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true", "CLAY_MCP_AUTH_TOKENS", "tok-1",
                        "CLAY_MCP_OAUTH_ISSUER", "http://127.0.0.1:" + ServerProcess.freePort() + "/realms/clay",
                        "CLAY_MCP_OAUTH_AUDIENCE", "http://localhost:8080/mcp"),
                        "clay-mcp-server: CLAY_MCP_AUTH_TOKENS and CLAY_MCP_OAUTH_ISSUER are both set: with OAuth on, "
                                + "only the issuer's tokens are accepted, so set one of them"),
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
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("QUARKUS_HTTP_PORT", Integer.toString(ServerProcess.freePort()));
        try (ServerProcess server = ServerProcess.start(withPort)) {
            assertNotEquals(0, server.waitFor(WAIT));
            List<String> lines = server.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.size() <= 2, "at most two lines:\n" + server.stderr());
            assertTrue(lines.get(0).startsWith(expectedStart), server.stderr());
            assertFalse(server.stderr().contains("Exception") || server.stderr().contains("\tat "), server.stderr());
            assertFalse(Canary.leaksIn(server.stderr()));
            assertEquals(List.of(), server.stdout());
        }
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

    /**
     * OAuth counts as authentication for an exposed port, and an issuer that cannot be reached at start-up does not
     * stop the server: it starts, says so in one line, and challenges clients; tokens are checked once the issuer
     * answers.
     */
    @Test
    void withOAuthAnExposedPortStartsEvenWhileTheIssuerIsUnreachable() throws Exception {
        int[] ports = ServerProcess.freePorts(2);
        int port = ports[0];
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true",
                "QUARKUS_HTTP_HOST", "0.0.0.0", "QUARKUS_HTTP_PORT", Integer.toString(port),
                "CLAY_MCP_OAUTH_ISSUER", "http://127.0.0.1:" + ports[1] + "/realms/clay",
                "CLAY_MCP_OAUTH_AUDIENCE", "https://clay-mcp.example.com/mcp"))) {
            var http = HttpClient.newHttpClient();
            var init = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(ServerProcess.request(1, "initialize",
                            new JsonObject()).encode())).build();
            AtomicReference<HttpResponse<String>> answer =
                    new AtomicReference<>();
            Conditions.await(WAIT, "the server answers", () -> {
                try {
                    answer.set(http.send(init, HttpResponse.BodyHandlers.ofString()));
                    return true;
                } catch (IOException notYet) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertEquals(401, answer.get().statusCode());
            assertEquals("Bearer resource_metadata=\"https://clay-mcp.example.com/.well-known/oauth-protected-resource\"",
                    answer.get().headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(server.stderr().contains("OIDC server is not available"), server.stderr());
            assertFalse(server.stderr().contains("\tat "), "no stack trace:\n" + server.stderr());
        }
    }
}

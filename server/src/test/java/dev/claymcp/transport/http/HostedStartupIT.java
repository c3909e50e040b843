package dev.claymcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Conditions;
import dev.claymcp.support.Refusals;
import dev.claymcp.support.ServerProcess;

/**
 * A configuration that can never work stops the packaged server at once, with one or two plain lines on stderr that
 * say what is wrong, which variable, and what to do: no stack trace, nothing on stdout, a non-zero exit.
 */
/**
 * The hosted build's own start-up: a configuration of its HTTP transport that can never work stops it at once with a
 * plain line on stderr; an OAuth issuer out of reach does not.
 */
@Execution(ExecutionMode.CONCURRENT) // each case is its own process and port
class HostedStartupIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Stream<Arguments> refusedConfigurations() {
        return Stream.of(
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
                                + "only the issuer's tokens are accepted, so set one of them"));
    }

    @ParameterizedTest
    @MethodSource("refusedConfigurations")
    void aRefusedConfigurationSaysWhyInAFewPlainLines(Map<String, String> env, String expectedStart) {
        Refusals.assertRefusedInPlainLines(env, expectedStart, WAIT);
    }

    @Test
    void aPortInUseIsNamedWithTheVariableThatMovesIt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            try (ServerProcess server = ServerProcess.start(Map.of("CLAY_MCP_TRANSPORT", "http", "CLAY_SANDBOX", "true",
                    "QUARKUS_HTTP_PORT", Integer.toString(taken.getLocalPort())))) {
                assertNotEquals(0, server.waitFor(WAIT));
                assertEquals("clay-mcp-server: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use "
                        + "(another copy of this server, or another program). Stop it, or choose another port with "
                        + "QUARKUS_HTTP_PORT=<port>.", server.stderr().strip());
                assertEquals(List.of(), server.stdout());
            }
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

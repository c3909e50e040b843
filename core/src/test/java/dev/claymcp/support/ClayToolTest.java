package dev.claymcp.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;

import dev.claymcp.support.ClayStub.InjectClay;

/** What every tool test has: WireMock as Clay, reset before each test, and a connected MCP client. */
public abstract class ClayToolTest {

    static {
        // McpAssured waits for answers with Awaitility, whose defaults (a first look after 100 ms, then every 100 ms,
        // giving up after 10 s) make every call take a tenth of a second and fail on a busy machine: look often,
        // and give a loaded machine a minute
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
    }

    @InjectClay
    protected WireMockServer clay;

    protected McpStreamableTestClient client;

    @BeforeEach
    void connect() {
        clay.resetAll();
        connectClient();
    }

    /** Connects {@link #client}; tests of a guarded endpoint connect with their credentials. */
    protected void connectClient() {
        client = Mcp.client();
    }

    protected void assertNothingReachedClay() {
        if (!clay.getAllServeEvents().isEmpty()) {
            throw new AssertionError("expected no request to Clay, got " + clay.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList());
        }
    }
}

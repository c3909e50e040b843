package dev.claymcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The sources as they are read before boot: which value wins, and what keys the early answers. */
class StartSourcesTest {

    @Test
    void aValueComesFromTheFirstSourceThatHasItAsQuarkusReadsThem() {
        StartSources sources = StartSources.of(Map.of("clay.read-only", "true"),
                Map.of("CLAY_READ_ONLY", "false", "clay_sandbox", "true", "_PROD_CLAY_API_DIALECT", "observed",
                        "CLAY_API_DIALECT", "documented"),
                "CLAY_TOOLS=count_rows\nCLAY_SANDBOX=false\n", "clay.elicitation=off\n%prod.clay.elicitation-timeout=5s\n");

        assertEquals(Optional.of("true"), sources.value("clay.read-only"), "a system property first");
        assertEquals(Optional.of("true"), sources.value("clay.sandbox"), "an environment variable in any letter case");
        assertEquals(Optional.of("observed"), sources.value("clay.api-dialect"), "the profile's entry first");
        assertEquals(Optional.of("count_rows"), sources.value("clay.tools"), "then .env");
        assertEquals(Optional.of("off"), sources.value("clay.elicitation"), "then config/application.properties");
        assertEquals(Optional.of("5s"), sources.value("clay.elicitation-timeout"));
        assertEquals(Optional.empty(), sources.value("clay.mcp.transport"));
    }

    @Test
    void theKeyHoldsEverySettingFromEverySourceButSecretsOnlyAsSet() {
        StartSources base = StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true", "PATH", "/bin"), "", "");
        Map<String, String> key = base.keying();

        for (StartSources other : new StartSources[] {
                StartSources.of(Map.of("clay.read-only", "true"), Map.of("CLAY_SANDBOX", "true"), "", ""),
                StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true", "clay_read_only", "true"), "", ""),
                StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true"), "CLAY_READ_ONLY=true\n", ""),
                StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true"), "", "clay.read-only=true\n"),
                StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true", "CLAY_SESSION_COOKIE", "x"), "", "") }) {
            assertNotEquals(key, other.keying());
        }
        assertEquals(key, StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true", "PATH", "/usr/bin"), "", "")
                .keying(), "variables no setting reads do not count");

        Map<String, String> withCookie = StartSources.of(Map.of("clay.session-cookie", "s3cret"),
                Map.of("CLAY_SESSION_COOKIE", "s3cret2", "CLAY_MCP_AUTH_TOKENS", "tok"), "", "").keying();
        assertFalse(withCookie.values().stream().anyMatch(v -> v.contains("s3cret") || v.contains("tok")),
                withCookie.toString());
        assertEquals(withCookie, StartSources.of(Map.of("clay.session-cookie", "other"),
                Map.of("CLAY_SESSION_COOKIE", "other2", "CLAY_MCP_AUTH_TOKENS", "tok2"), "", "").keying(),
                "a new cookie is the same configuration");
    }

    @Test
    void settingsFromElsewhereOrExpressionsMakeTheSourcesIncomplete() {
        assertFalse(StartSources.of(Map.of(), Map.of("CLAY_SANDBOX", "true"), "", "").incomplete());
        assertTrue(StartSources.of(Map.of(), Map.of("QUARKUS_CONFIG_LOCATIONS", "/etc/x.properties"), "", "")
                .incomplete());
        assertTrue(StartSources.of(Map.of(), Map.of(), "", "quarkus.config.locations=/etc/x\n").incomplete());
        assertTrue(StartSources.of(Map.of("clay.read-only", "${READ_ONLY}"), Map.of(), "", "").incomplete());
    }
}

package dev.claymcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The configuration read before Quarkus boots: the mapping's own defaults and converters, Quarkus' readings of
 * durations, and the variable named when a value cannot be read.
 */
class SettingsTest {

    private static <T> T with(Map<String, String> properties, Supplier<T> read) {
        properties.forEach(System::setProperty);
        try {
            return read.get();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void theDefaultsAreTheMappingsOwn() {
        ClayConfig config = Settings.read().clay();
        assertEquals(Transport.STDIO, config.mcp().transport());
        assertEquals(ApiDialect.AUTO, config.apiDialect());
        assertEquals(Elicitation.AUTO, config.elicitation());
        assertEquals(Duration.ofSeconds(60), config.mcp().drainTimeout());
    }

    @Test
    void choicesAreReadInAnyLetterCaseAndDurationsAsQuarkusWritesThem() {
        ClayConfig config = with(Map.of("clay.mcp.transport", " HTTP ", "clay.elicitation", "Off",
                "clay.call-timeout", "45s"), () -> Settings.read().clay());
        assertEquals(Transport.HTTP, config.mcp().transport());
        assertEquals(Elicitation.OFF, config.elicitation());
        assertEquals(Duration.ofSeconds(45), config.callTimeout());
    }

    @Test
    void aValueThatCannotBeReadIsNamedByItsVariable() {
        assertEquals("CLAY_MCP_TRANSPORT must be 'stdio' or 'http'; got 'carrier-pigeon'",
                with(Map.of("clay.mcp.transport", "carrier-pigeon"),
                        () -> assertThrows(IllegalArgumentException.class, Settings::read).getMessage()));
        assertEquals("CLAY_API_DIALECT must be 'auto', 'documented' or 'observed'; got 'live'",
                with(Map.of("clay.api-dialect", "live"),
                        () -> assertThrows(IllegalArgumentException.class, Settings::read).getMessage()));
        String duration = with(Map.of("clay.call-timeout", "soon"),
                () -> assertThrows(IllegalArgumentException.class, Settings::read).getMessage());
        assertTrue(duration.startsWith("CLAY_CALL_TIMEOUT cannot be read ('soon'): a duration is written like 30s"),
                duration);
    }
}

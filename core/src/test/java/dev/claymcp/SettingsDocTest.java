package dev.claymcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The settings file, the configuration mapping, {@code --help} and the README's table agree: every property of the
 * mapping is described, with the mapping's own default, and nothing else claims to be a setting of it.
 */
class SettingsDocTest {

    /** Settings that are not properties of the mapping: Quarkus' own, and the launcher's. */
    static final Set<String> OUTSIDE_THE_MAPPING = Set.of("QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT",
            "QUARKUS_MANAGEMENT_HOST", "QUARKUS_MANAGEMENT_PORT", "CLAY_MCP_PREPARE", "JAVA_HOME", "JAVA_OPTS");

    @Test
    void everyPropertyOfTheMappingIsDescribedWithItsDefault() throws IOException {
        Map<String, Optional<String>> mapping = SettingsDoc.mapping();
        Set<String> described = SettingsDoc.all().stream().map(SettingsDoc.Setting::variable)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(mapping.keySet());
        expected.addAll(OUTSIDE_THE_MAPPING);
        assertEquals(expected, described, "clay-mcp-settings.tsv against ClayConfig");

        String file = new String(SettingsDoc.class.getResourceAsStream("/clay-mcp-settings.tsv").readAllBytes());
        for (String line : file.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            assertEquals(4, cells.length, line);
            mapping.getOrDefault(cells[0], Optional.empty()).ifPresent(d -> assertEquals(d, cells[1],
                    cells[0] + ": the file's default is the mapping's"));
        }
    }

    @Test
    void helpListsEverySettingWithItsDefaultAndPrepare() {
        String help = ClayMcpMain.help();
        assertTrue(help.startsWith("clay-mcp-server "), help);
        assertTrue(help.contains("--prepare"), help);
        for (SettingsDoc.Setting s : SettingsDoc.all()) {
            assertTrue(help.lines().anyMatch(l -> l.startsWith("  " + s.variable() + " ")
                    && l.endsWith("(default: " + s.defaultValue() + ")")), s.variable() + " in:\n" + help);
        }
    }

    @Test
    void theReadmeTableIsTheOneTheSettingsMake() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("build.root")).resolve("README.md"));
        assertTrue(readme.contains(SettingsDoc.readmeTable()), "README.md's configuration table differs from "
                + "clay-mcp-settings.tsv and ClayConfig; it should read:\n" + SettingsDoc.readmeTable());
    }
}

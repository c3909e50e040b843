package dev.claymcp.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Dependencies between the packages run one way: tools → policy → clay → config, with the sandbox beside the HTTP
 * client behind the clay interface, and the transports and the hosted build's parts on top, beside the tools (they
 * never see each other). Across every module. Read from the sources,
 * so a new import that points the wrong way fails here.
 */
class PackageDependenciesTest {

    /** Every module's sources: the layers run across them. */
    static final List<Path> SOURCES = List.of("core", "desktop", "server").stream()
            .map(m -> Path.of(System.getProperty("build.root", "..")).resolve(m).resolve("src/main/java/dev/claymcp"))
            .filter(Files::isDirectory).toList();
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "config", Set.of(),
            "clay", Set.of("config"),
            "sandbox", Set.of("clay", "config"),
            "policy", Set.of("clay", "config"),
            "tools", Set.of("policy", "clay", "config"),
            "transport", Set.of("policy", "clay", "config"),
            "hosting", Set.of("policy", "clay", "config"));
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.claymcp\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyImportBetweenPackagesPointsDownTheLayers() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path sources : SOURCES) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the root package wires everything together
                }
                String from = relative.getName(0).toString();
                Set<String> allowed = ALLOWED.get(from);
                if (allowed == null) {
                    wrong.add(relative + ": package '" + from + "' has no place in the layers yet; add it to ALLOWED");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    checked++;
                    if (!to.equals(from) && !allowed.contains(to)) {
                        wrong.add(relative + " imports dev.claymcp." + to);
                    }
                }
            }
        }
        }
        assertEquals(List.of(), wrong);
        assertEquals(3, SOURCES.size(), "the scan saw every module: " + SOURCES);
        assertEquals(true, checked > 20, "the scan saw the imports (" + checked + ")");
    }
}

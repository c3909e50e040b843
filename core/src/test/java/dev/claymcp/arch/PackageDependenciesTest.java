package dev.claymcp.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The modules that hold code (the desktop build is configuration only); the layers run across them. */
    static final List<String> MODULES_WITH_CODE = List.of("core", "server");
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
        Path root = Path.of(System.getProperty("build.root", ".."));
        List<String> found;
        try (Stream<Path> modules = Files.list(root)) {
            found = modules.filter(m -> hasJava(m.resolve("src/main/java"))).map(m -> m.getFileName().toString())
                    .sorted().toList();
        }
        assertEquals(MODULES_WITH_CODE, found, "the modules with code under " + root.toAbsolutePath());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String module : MODULES_WITH_CODE) {
        Path sources = root.resolve(module).resolve("src/main/java/dev/claymcp");
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
        assertEquals(true, checked > 20, "the scan saw the imports (" + checked + ")");
    }

    /** Whether a source root holds a Java file (an empty directory left behind by a move does not count). */
    static boolean hasJava(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

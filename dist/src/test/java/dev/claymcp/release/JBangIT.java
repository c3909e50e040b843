package dev.claymcp.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ServerProcess;
import dev.claymcp.support.StdioSession;

/**
 * The one-line install: {@code jbang clay-mcp@…} runs the catalog's alias, which names the released jar by its Maven
 * coordinates. Here JBang (the real one, from Maven Central) runs offline from an empty directory, with a Maven
 * repository that holds nothing but the freshly built release, and its own home in a temporary directory.
 * <p>
 * JBang's launcher script runs {@code dev.jbang.Main}, which resolves everything and prints the java command line
 * to run (exit code 255 means "run this"); the script then executes it in place. The test does the same two steps.
 */
class JBangIT {

    static final Duration WAIT = Duration.ofSeconds(300);

    static String jbangClassPath;

    @TempDir
    Path temp;

    /** JBang's class path, from its own small project (dist/src/test/jbang), so its libraries never meet ours. */
    @BeforeAll
    static void jbang() throws IOException {
        Path root = Path.of(System.getProperty("build.root"));
        Path basedir = root.resolve("dist");
        Path output = basedir.resolve("target/jbang/classpath.txt");
        Files.createDirectories(output.getParent());
        Files.deleteIfExists(output);
        try (ServerProcess maven = ServerProcess.run(List.of(root.resolve("mvnw").toString(), "-B", "-ntp", "-q",
                "-f", basedir.resolve("src/test/jbang/pom.xml").toString(), "dependency:build-classpath",
                "-Dmdep.outputFile=" + output, "-Djbang.version=" + System.getProperty("jbang.version"),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")), Map.of(), basedir)) {
            assertEquals(0, maven.waitFor(WAIT), String.join("\n", maven.stdout()) + maven.stderr());
        }
        jbangClassPath = Files.readString(output).strip();
    }

    @Test
    void theCatalogAliasRunsTheReleasedJarOverStdio() throws IOException {
        Path catalog = Path.of(System.getProperty("build.root")).resolve("jbang-catalog.json");
        // the alias names the latest release; the jar just built stands in for it
        String scriptRef = new JsonObject(Files.readString(catalog)).getJsonObject("aliases")
                .getJsonObject("clay-mcp").getString("script-ref");
        String version = scriptRef.split(":")[2];
        Path repository = temp.resolve("repository");
        install(repository, version);
        Path work = Files.createDirectory(temp.resolve("work"));

        long started = System.nanoTime();
        String commandLine;
        try (ServerProcess jbang = ServerProcess.run(List.of(Release.java().toString(), "-cp", jbangClassPath,
                "dev.jbang.Main", "--offline", "run", "clay-mcp@" + catalog), Map.of(
                        "JBANG_REPO", repository.toString(),
                        "JBANG_DIR", temp.resolve("jbang-home").toString()), work)) {
            assertEquals(255, jbang.waitFor(WAIT), "JBang hands back a command to run; it said:\n" + jbang.stderr());
            assertEquals(1, jbang.stdout().size(), jbang.stdout().toString());
            commandLine = jbang.stdout().get(0);
        }
        assertTrue(commandLine.contains(repository.resolve(Path.of("dev/claymcp/clay-mcp-server", version,
                "clay-mcp-server-" + version + "-runner.jar")).toString()), commandLine);
        for (String option : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:all=warning:stderr")) {
            assertTrue(commandLine.contains(option), option + " in " + commandLine);
        }

        ServerProcess server = ServerProcess.run(List.of("sh", "-c", "exec " + commandLine),
                Map.of("CLAY_SANDBOX", "true"), work);
        try (StdioSession session = StdioSession.of(server)) {
            session.toolNames();
            System.out.printf("JBang: %d ms from 'jbang run clay-mcp@…' to the first tools/list answer%n",
                    (System.nanoTime() - started) / 1_000_000);
            Release.assertServesInSandbox(session);
        }
    }

    /**
     * What {@code mvn install} (or a release to Maven Central) puts in a repository: the runner jar and the pom, and
     * the one pom that pom imports. Nothing else: the runner jar carries all it needs.
     */
    /** A pom of this build, its first version (its own, or its parent's) made {@code version}. */
    private static String versioned(Path pom, String version) throws IOException {
        return Files.readString(pom).replaceFirst("<version>" + java.util.regex.Pattern.quote(Release.version())
                + "</version>", "<version>" + version + "</version>");
    }

    private static void install(Path repository, String version) throws IOException {
        Path ours = Files.createDirectories(repository.resolve(Path.of("dev/claymcp/clay-mcp-server", version)));
        Files.copy(Release.file("build.release.jar"), ours.resolve("clay-mcp-server-" + version + "-runner.jar"));
        // the runner's pom, and its parent's, which imports Quarkus' BOM
        Path root = Path.of(System.getProperty("build.root"));
        Files.writeString(ours.resolve("clay-mcp-server-" + version + ".pom"), versioned(root.resolve("desktop/pom.xml"),
                version));
        Path parent = Files.createDirectories(repository.resolve(Path.of("dev/claymcp/clay-mcp-server-parent", version)));
        Files.writeString(parent.resolve("clay-mcp-server-parent-" + version + ".pom"),
                versioned(root.resolve("pom.xml"), version));

        String quarkus = System.getProperty("quarkus.version");
        Path bom = Path.of("io/quarkus/quarkus-bom", quarkus, "quarkus-bom-" + quarkus + ".pom");
        Files.createDirectories(repository.resolve(bom).getParent());
        Files.copy(Path.of(System.getProperty("maven.repo.local")).resolve(bom), repository.resolve(bom));
    }
}

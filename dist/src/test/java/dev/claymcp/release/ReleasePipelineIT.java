package dev.claymcp.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The release pipeline up to the upload, with no network and no secret: JReleaser (jreleaser.yml, the configuration
 * the release workflow uses) runs its config, checksum and package steps as a dry run on this build's archive, SBOM
 * and release notes, in a scratch repository whose remote names the project (the release workflow runs in a clone of
 * it). What a tag would publish is checked here: the checksums, the SBOM, the Homebrew formula and the Scoop manifest
 * all name this version and this archive; the release notes are this version's section of CHANGELOG.md; the JBang
 * catalog names this version's runner jars.
 */
class ReleasePipelineIT {

    static final Duration WAIT = Duration.ofMinutes(5);
    static Path root;
    static Path check;
    static String version;
    static String zipSha256;

    @BeforeAll
    static void runTheOfflineSteps() throws Exception {
        root = Path.of(System.getProperty("build.root"));
        version = Release.version();
        Path zip = Release.file("build.release.zip");
        zipSha256 = sha256(zip);
        check = Path.of("target", "release-check").toAbsolutePath();
        deleteTree(check);
        Path target = Files.createDirectories(check.resolve("target"));
        Files.createDirectories(target.resolve("staging-deploy"));
        Files.copy(root.resolve("jreleaser.yml"), check.resolve("jreleaser.yml"));
        // its own .mvn, so that Maven (and JReleaser, which looks for git there) takes it for the project's root
        Path wrapper = Files.createDirectories(check.resolve(".mvn").resolve("wrapper"));
        Files.copy(root.resolve(".mvn/wrapper/maven-wrapper.properties"), wrapper.resolve("maven-wrapper.properties"));
        for (String property : List.of("build.release.zip", "build.release.sbom", "build.release.notes")) {
            Path file = Release.file(property);
            Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(check.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.claymcp</groupId>
                  <artifactId>clay-mcp-server</artifactId>
                  <version>%s</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.jreleaser</groupId>
                        <artifactId>jreleaser-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <configFile>jreleaser.yml</configFile>
                          <outputDirectory>${project.build.directory}/jreleaser</outputDirectory>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version, jreleaserVersion()));
        run(List.of("git", "init", "-q"));
        run(List.of("git", "add", "-A"));
        run(List.of("git", "-c", "user.name=release-check", "-c", "user.email=release-check@localhost", "commit", "-qm",
                "release check"));
        run(List.of("git", "remote", "add", "origin", "https://github.com/claymcp/clay-mcp-server.git"));
        List<String> maven = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp",
                "jreleaser:config", "jreleaser:checksum", "jreleaser:package", "-Djreleaser.dry.run=true"));
        String repo = System.getProperty("build.repo.local");
        if (repo != null && !repo.isBlank()) {
            maven.add("-Dmaven.repo.local=" + repo);
        }
        run(maven);
    }

    /** The plugin version dist/pom.xml (and so the release workflow) uses. */
    static String jreleaserVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>jreleaser-maven-plugin</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("dist").resolve("pom.xml")));
        assertTrue(m.find(), "dist/pom.xml declares jreleaser-maven-plugin with a version");
        return m.group(1);
    }

    /** Runs a command in the scratch repository, with stand-ins for the secrets a dry run never uses. */
    static void run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(check.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("JRELEASER_"));
        builder.environment().putAll(Map.of("JRELEASER_GITHUB_TOKEN", "offline-check", "JRELEASER_GPG_PUBLIC_KEY",
                "offline-check", "JRELEASER_GPG_SECRET_KEY", "offline-check", "JRELEASER_GPG_PASSPHRASE",
                "offline-check", "JRELEASER_MAVENCENTRAL_USERNAME", "offline-check", "JRELEASER_MAVENCENTRAL_PASSWORD",
                "offline-check", "JAVA_HOME", System.getProperty("java.home")));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + new String(output,
                StandardCharsets.UTF_8));
    }

    static Path out(String first, String... more) {
        Path path = check.resolve("target").resolve("jreleaser").resolve(first);
        for (String m : more) {
            path = path.resolve(m);
        }
        assertTrue(Files.isRegularFile(path), "JReleaser made " + path);
        return path;
    }

    @Test
    void theChecksumsAreTheArchivesAndTheSboms() throws IOException, NoSuchAlgorithmException {
        String all = Files.readString(out("checksums", "checksums_sha256.txt"));
        assertTrue(all.contains(zipSha256 + "  clay-mcp-server-" + version + ".zip"), all);
        assertTrue(all.contains(sha256(Release.file("build.release.sbom")) + "  clay-mcp-server-" + version
                + "-sbom.json"), all);
        assertEquals(zipSha256, Files.readString(out("checksums", "clay-mcp-server", "clay-mcp-server-" + version
                + ".zip.sha256")).strip());
    }

    @Test
    void theSbomListsWhatIsInsideTheJars() throws IOException {
        JsonObject bom = new JsonObject(Files.readString(Release.file("build.release.sbom")));
        assertEquals("CycloneDX", bom.getString("bomFormat"));
        JsonArray components = bom.getJsonArray("components");
        List<String> names = components.stream().map(JsonObject.class::cast)
                .map(c -> c.getString("group") + ":" + c.getString("name") + ":" + c.getString("version")).toList();
        assertTrue(names.contains("dev.claymcp:clay-mcp-server:" + version), names.toString());
        assertTrue(names.contains("dev.claymcp:clay-mcp-server-http:" + version), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("io.quarkiverse.mcp:quarkus-mcp-server-core:")), names
                .toString());
    }

    @Test
    void homebrewAndScoopInstallThisVersionsArchive() throws IOException {
        String url = "https://github.com/claymcp/clay-mcp-server/releases/download/v" + version + "/clay-mcp-server-"
                + version + ".zip";
        String formula = Files.readString(out("package", "clay-mcp-server", "brew", "Formula", "clay-mcp-server.rb"));
        assertTrue(formula.contains("url \"" + url + "\""), formula);
        assertTrue(formula.contains("version \"" + version + "\""), formula);
        assertTrue(formula.contains("sha256 \"" + zipSha256 + "\""), formula);
        assertTrue(formula.contains("bin.install_symlink \"#{libexec}/bin/clay-mcp\""), formula);

        JsonObject manifest = new JsonObject(Files.readString(out("package", "clay-mcp-server", "scoop", "bucket",
                "clay-mcp.json")));
        assertEquals(version, manifest.getString("version"));
        assertEquals(url, manifest.getString("url"));
        assertEquals("sha256:" + zipSha256, manifest.getString("hash"));
        assertEquals("clay-mcp-server-" + version, manifest.getString("extract_dir"));
        assertEquals("bin", manifest.getString("env_add_path"));
    }

    @Test
    void theNotesAreThisVersionsChangelogAndTheCatalogNamesThisVersion() throws IOException {
        String notes = Files.readString(Release.file("build.release.notes")).strip();
        String changelog = Files.readString(root.resolve("CHANGELOG.md"));
        assertFalse(notes.isEmpty());
        assertFalse(notes.contains("# Changelog"), "only this version's section");
        assertTrue(changelog.contains("\n## " + version + " ") && changelog.contains(notes), "CHANGELOG.md's section");
        String config = Files.readString(out("output.properties"));
        assertTrue(config.contains(version), config);

        JsonObject aliases = new JsonObject(Files.readString(root.resolve("jbang-catalog.json")))
                .getJsonObject("aliases");
        assertEquals("dev.claymcp:clay-mcp-server:" + version + ":runner@fatjar",
                aliases.getJsonObject("clay-mcp").getString("script-ref"));
        assertEquals("dev.claymcp:clay-mcp-server-http:" + version + ":runner@fatjar",
                aliases.getJsonObject("clay-mcp-http").getString("script-ref"));
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}

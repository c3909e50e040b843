package dev.claymcp.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.claymcp.support.ServerProcess;
import dev.claymcp.support.StdioSession;

/**
 * The release as people download it, each in an otherwise empty directory: the archive unpacked (as unzip does,
 * permissions included) runs through its launcher, with the class cache the launcher makes for it; the jar copied
 * alone runs with plain java -jar, and answers --version and --help at once.
 */
class ReleaseIT {

    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path empty;

    @Test
    void theArchiveUnpackedAloneServesThroughItsLauncher() throws IOException {
        Path zip = Release.file("build.release.zip");
        String top = "clay-mcp-server-" + Release.version();
        unzip(zip, empty);

        assertEquals(List.of(top), list(empty, 1), "one folder, named with the version");
        Path home = empty.resolve(top);
        assertEquals(List.of("CHANGELOG.md", "LICENSE", "README.md", "bin", "bin/clay-mcp", "bin/clay-mcp.cmd",
                "bin/training.jsonl", "build-id", "clay-mcp-server-http.jar", "clay-mcp-server.jar", "mcp-config.example.json"),
                list(home, 2));
        assertTrue(Files.isExecutable(home.resolve("bin/clay-mcp")));
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));
        System.out.printf("release archive %s: %.1f MB (the jar %.1f MB)%n", zip.getFileName(),
                Files.size(zip) / 1e6, Files.size(home.resolve("clay-mcp-server.jar")) / 1e6);

        String launcher = home.resolve("bin/clay-mcp").toString();
        String cache = empty.resolve("cache").toString();
        try (ServerProcess prepare = ServerProcess.run(List.of(launcher, "--prepare"),
                Map.of("CLAY_MCP_CACHE_DIR", cache), empty)) {
            assertEquals(0, prepare.waitFor(WAIT), prepare.stderr());
            assertTrue(prepare.stderr().contains("class cache ready"), prepare.stderr());
        }
        ServerProcess server = ServerProcess.run(List.of(launcher), Map.of("CLAY_SANDBOX", "true",
                "CLAY_MCP_CACHE_DIR", cache, "JAVA_OPTS", "-Xlog:class+load=info:stderr"), empty);
        try (StdioSession session = StdioSession.of(server)) {
            Release.assertServesInSandbox(session);
            assertTrue(server.stderr().contains("source: shared objects file"), "classes came from the cache");
            assertTrue(server.stderr().contains("Installed features: [cdi, mcp-server-stdio,"), "the desktop build "
                    + "serves stdio, and has no HTTP transport:\n" + server.stderr());
        }

        // CLAY_MCP_TRANSPORT=http: the same launcher runs the hosted build
        int port = ServerProcess.freePort();
        try (ServerProcess http = ServerProcess.run(List.of(launcher), Map.of("CLAY_SANDBOX", "true",
                "CLAY_MCP_TRANSPORT", "http", "QUARKUS_HTTP_PORT", Integer.toString(port), "CLAY_MCP_CACHE_DIR", cache),
                empty)) {
            var client = java.net.http.HttpClient.newHttpClient();
            var initialize = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ServerProcess.request(1, "initialize",
                            new io.vertx.core.json.JsonObject().put("protocolVersion", "2025-06-18")
                                    .put("capabilities", new io.vertx.core.json.JsonObject())
                                    .put("clientInfo", new io.vertx.core.json.JsonObject().put("name", "it")
                                            .put("version", "1"))).encode())).build();
            dev.claymcp.support.Conditions.await(WAIT, "the hosted build to answer over HTTP", () -> {
                try {
                    return client.send(initialize, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertTrue(http.stderr().contains("mcp-server-http"), http.stderr());
        }
    }

    @Test
    void theJarCopiedAloneRunsWithJavaDashJar() throws IOException {
        Path jar = Files.copy(Release.file("build.release.jar"), empty.resolve("clay-mcp-server.jar"));
        String java = Release.java().toString();

        try (ServerProcess version = ServerProcess.run(List.of(java, "-jar", jar.toString(), "--version"), Map.of(),
                empty)) {
            assertEquals(0, version.waitFor(WAIT), version.stderr());
            assertEquals(List.of("clay-mcp-server " + Release.version()), version.stdout());
        }
        try (ServerProcess help = ServerProcess.run(List.of(java, "-jar", jar.toString(), "--help"), Map.of(),
                empty)) {
            assertEquals(0, help.waitFor(WAIT), help.stderr());
            String text = String.join("\n", help.stdout());
            assertTrue(text.startsWith("clay-mcp-server " + Release.version() + ":"), text);
            for (String setting : List.of("CLAY_SESSION_COOKIE", "CLAY_SANDBOX", "CLAY_READ_ONLY",
                    "CLAY_MCP_TRANSPORT", "CLAY_MCP_AUTH_TOKENS")) {
                assertTrue(text.contains(setting), setting + " in:\n" + text);
            }
        }

        ServerProcess server = ServerProcess.run(List.of(java, "-jar", jar.toString()),
                Map.of("CLAY_SANDBOX", "true"), empty);
        try (StdioSession session = StdioSession.of(server)) {
            Release.assertServesInSandbox(session);
        }
        assertEquals(List.of("clay-mcp-server.jar"), list(empty, 1), "it wrote nothing beside itself");
    }

    /** Unpacks as unzip does: entries with their Unix permissions, when the archive records them. */
    static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(archive.getEntries())) {
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (entry.getUnixMode() != 0) {
                    Files.setPosixFilePermissions(target, permissions(entry.getUnixMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** Paths under {@code dir} down to {@code depth} levels, relative and sorted. */
    static List<String> list(Path dir, int depth) throws IOException {
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            List<String> names = new ArrayList<>();
            paths.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
            Collections.sort(names);
            return names;
        }
    }
}

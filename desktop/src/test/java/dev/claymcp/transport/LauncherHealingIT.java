package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ServerProcess;

/**
 * bin/clay-mcp heals what an interrupted or damaged earlier start left, and keeps its caches to the user: a stale
 * lock is taken over, --prepare fails without an archive, old archives are pruned, the key follows the build's
 * content, a damaged archive is never used and a dying JVM writes nothing on stdout, a collector or heap size in
 * JAVA_OPTS wins, the cache is private and a shared one is never used, and "off" means off in any letter case.
 */
@Execution(ExecutionMode.CONCURRENT) // each case has its own cache and working directories
class LauncherHealingIT {

    static final Duration WAIT = Duration.ofSeconds(180);
    static final Pattern READY = Pattern.compile("class cache ready: (\\S+\\.jsa)");

    @TempDir
    Path cache;
    @TempDir
    Path workdir;

    private ServerProcess launch(Path launcher, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(Map.of("CLAY_SANDBOX", "true", "CLAY_MCP_CACHE_DIR", cache.toString(),
                "CLAY_MCP_PREPARE", "off"));
        all.putAll(env);
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return ServerProcess.run(command, all, workdir);
    }

    private ServerProcess launch(Map<String, String> env, String... args) {
        return launch(ServerProcess.launcher(), env, args);
    }

    /** Runs --prepare; returns the archive it made. */
    private Path prepare(Path launcher) {
        try (ServerProcess prepare = launch(launcher, Map.of(), "--prepare")) {
            assertEquals(0, prepare.waitFor(WAIT), prepare.stderr());
            Matcher ready = READY.matcher(prepare.stderr());
            assertTrue(ready.find(), prepare.stderr());
            Path archive = Path.of(ready.group(1));
            assertTrue(Files.isRegularFile(archive));
            assertEquals(List.of(), prepare.stdout());
            return archive;
        }
    }

    /** A session through the launcher: initialize, then the tool list; every stdout line is a JSON-RPC message. */
    private static void answers(ServerProcess server) {
        server.initialize();
        server.send(ServerProcess.request(1, "tools/list", null));
        assertEquals(13, server.response(1, WAIT).getJsonObject("result").getJsonArray("tools").size());
        for (String line : server.stdout()) {
            assertEquals("2.0", new JsonObject(line).getString("jsonrpc"), line);
        }
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aLockWhoseRecorderIsGoneIsTakenOverAndPrepareFailsWhileAnotherRecords() throws Exception {
        Path archive = prepare(ServerProcess.launcher());
        Files.delete(archive);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = Files.createDirectory(Path.of(archive + ".lock"));
        Files.writeString(lock.resolve("pid"), Long.toString(gone.pid()));

        assertEquals(archive, prepare(ServerProcess.launcher()), "the stale lock was taken over");

        Files.delete(archive);
        Files.createDirectory(lock);
        Files.writeString(lock.resolve("pid"), Long.toString(ProcessHandle.current().pid())); // alive: this JVM
        try (ServerProcess busy = launch(Map.of(), "--prepare")) {
            assertNotEquals(0, busy.waitFor(WAIT), "no archive, so no success");
            assertTrue(busy.stderr().contains("another start is recording the class cache right now"), busy.stderr());
            assertFalse(busy.stderr().contains("ready"), busy.stderr());
        }
        assertFalse(Files.exists(archive));
    }

    @Test
    void theKeyFollowsTheBuildsContentAndOnlyTheNewestArchivesAreKept() throws IOException {
        Path app = workdir.resolve("app");
        copy(ServerProcess.launcher().getParent().getParent(), app);
        Path launcher = app.resolve("bin").resolve("clay-mcp");
        for (int i = 0; i < 4; i++) {
            Path old = Files.writeString(cache.resolve("jdk17-old" + i + ".jsa"), "old");
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
        }

        Path first = prepare(launcher);
        Files.writeString(app.resolve("build-id"), "another build, same size and minute\n");
        Path second = prepare(launcher);

        assertNotEquals(first, second);
        List<String> archives = files(cache).stream().filter(f -> f.endsWith(".jsa")).toList();
        assertEquals(List.of(first.getFileName().toString(), "jdk17-old3.jsa", second.getFileName().toString())
                .stream().sorted().toList(), archives, "the newest three");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void aDamagedArchiveIsNeverUsedAndAJvmThatDiesWritesNothingOnStdout() throws IOException {
        Path archive = prepare(ServerProcess.launcher());
        archive.toFile().setWritable(true);
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2)); // cut, as a full disk would
        try (ServerProcess server = launch(Map.of())) {
            answers(server);
        }
        assertFalse(Files.exists(archive), "discarded");

        // an archive whose recorded checksum was forged to match: the JVM dies on it, and says nothing on stdout
        archive = prepare(ServerProcess.launcher());
        archive.toFile().setWritable(true);
        whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
        Process sum = new ProcessBuilder("sh", "-c", "cksum < '" + archive + "' > '" + archive + ".sum'").start();
        try {
            assertEquals(0, sum.waitFor());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        try (ServerProcess server = launch(Map.of())) {
            int exit = server.waitFor(WAIT);
            assertNotEquals(0, exit);
            assertEquals(List.of(), server.stdout(), "no crash banner on stdout");
        }
        assertFalse(files(workdir).stream().anyMatch(f -> f.startsWith("hs_err")), "no crash report in the client's "
                + "working directory");
    }

    @Test
    void aCollectorOrHeapSizeInJavaOptsWinsAndStdoutStaysProtocol() {
        for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC")) {
            try (ServerProcess server = launch(Map.of("JAVA_OPTS", gc))) {
                answers(server);
                assertFalse(server.stderr().contains("Multiple garbage collectors"), server.stderr());
            }
        }
        try (ServerProcess tiny = launch(Map.of("JAVA_OPTS", "-Xmx6m"))) {
            tiny.waitFor(WAIT);
            assertEquals(List.of(), tiny.stdout(), "whatever the JVM says of a heap that small, it is not on stdout");
            assertFalse(tiny.stderr().contains("Initial heap size set to a larger value"), tiny.stderr());
        }
    }

    @Test
    void theCacheIsPrivateAndOneOthersMayWriteIsNeverUsed() throws IOException {
        Path created = cache.resolve("made-under-umask-000");
        try (ServerProcess server = ServerProcess.run(List.of("sh", "-c", "umask 000; exec '"
                + ServerProcess.launcher().toAbsolutePath() + "' --prepare"), Map.of("CLAY_MCP_CACHE_DIR",
                        created.toString(), "CLAY_MCP_PREPARE", "off"), workdir)) {
            assertEquals(0, server.waitFor(WAIT), server.stderr());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
        for (String file : files(created)) {
            assertEquals("------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created.resolve(file)))
                    .substring(3), file + " is the user's alone");
        }

        Path shared = Files.createDirectory(cache.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (ServerProcess server = launch(Map.of("CLAY_MCP_CACHE_DIR", shared.toString(), "CLAY_MCP_PREPARE",
                "background"))) {
            answers(server);
            assertTrue(server.stderr().contains("not using the cache directory " + shared), server.stderr());
        }
        assertEquals(List.of(), files(shared), "nothing read from it, nothing written to it");
    }

    @Test
    void offInAnyLetterCaseMeansNoCacheAnywhere() throws IOException {
        try (ServerProcess server = launch(Map.of("CLAY_MCP_CACHE_DIR", "OFF", "CLAY_MCP_PREPARE", "background"))) {
            answers(server);
        }
        try (ServerProcess prepare = launch(Map.of("CLAY_MCP_CACHE_DIR", "Off"), "--prepare")) {
            assertNotEquals(0, prepare.waitFor(WAIT));
        }
        assertEquals(List.of(), files(workdir), "no ./OFF, no ./Off");
    }
}

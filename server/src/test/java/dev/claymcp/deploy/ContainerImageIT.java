package dev.claymcp.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/**
 * src/main/docker/Dockerfile.jvm without a container engine (none runs here): its instructions are read, and its
 * steps are played on this machine as the image build would play them: the application copied to where COPY puts it,
 * the RUN step making the class cache, the whole tree then made read-only, and the ENTRYPOINT started with the
 * image's environment. Exposed on all interfaces it refuses to start without authentication; with a token it
 * starts, its HEALTHCHECK command passes, and it writes nothing.
 */
@org.junit.jupiter.api.Tag("deployment") // ./mvnw verify -Pdeployment, as CI runs it
class ContainerImageIT {

    static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

    @TempDir
    Path root;

    /** Each instruction with its arguments, continuation lines joined. */
    static List<String[]> instructions() throws IOException {
        String text = Files.readString(DOCKERFILE).replaceAll("\\\\\\n", " ");
        List<String[]> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.strip().split("\\s+", 2);
                out.add(new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
            }
        }
        return out;
    }

    static String only(String instruction) throws IOException {
        List<String> found = instructions().stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
        assertEquals(1, found.size(), "one " + instruction + " in " + DOCKERFILE);
        return found.get(0);
    }

    /** KEY=value pairs of the ENV instruction (values may be double-quoted). */
    static Map<String, String> imageEnv() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(only("ENV"));
        while (m.find()) {
            env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
        }
        return env;
    }

    @Test
    void theImageIsLabelledForTheRegistryRunsAsNonRootAndServesHttp() throws IOException {
        String serverJsonName = new JsonObject(Files.readString(Path.of(System.getProperty("build.root"))
                .resolve("server.json"))).getString("name");
        assertTrue(only("LABEL").contains("io.modelcontextprotocol.server.name=\"" + serverJsonName + "\""),
                "the OCI label names the registry entry " + serverJsonName);
        String user = only("USER");
        assertTrue(user.matches("\\d+") && !user.equals("0"), "a numeric non-root user: " + user);
        assertEquals("http", imageEnv().get("CLAY_MCP_TRANSPORT"));
        assertTrue(only("EXPOSE").contains("8080"));
        assertTrue(only("HEALTHCHECK").contains("/q/health/ready"));
        assertTrue(only("FROM").matches("eclipse-temurin:25-jre"), "JDK 25, the fastest start: " + only("FROM"));
    }

    @Test
    void playedOutOfAContainerItStartsOnlyWithAuthAndRunsReadOnly() throws Exception {
        // COPY target/quarkus-app/ /opt/clay-mcp/
        String[] copy = only("COPY").split("\\s+");
        assertEquals("target/quarkus-app/", copy[0]);
        Path app = root.resolve(copy[1].replaceFirst("^/", ""));
        copyTree(Path.of(copy[0]), app);
        Map<String, String> env = new HashMap<>();
        imageEnv().forEach((k, v) -> env.put(k, v.replace("/opt/clay-mcp", app.toString())));

        // RUN /opt/clay-mcp/bin/clay-mcp --prepare
        List<String> run = List.of(only("RUN").replace("/opt/clay-mcp", app.toString()).split("\\s+"));
        Process prepare = builder(run, env).start();
        assertTrue(prepare.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, prepare.exitValue(), new String(prepare.getErrorStream().readAllBytes()));
        try (Stream<Path> cache = Files.list(Path.of(env.get("CLAY_MCP_CACHE_DIR")))) {
            assertTrue(cache.anyMatch(f -> f.toString().endsWith(".jsa")), "the class cache is in the image");
        }
        makeReadOnly(app);
        Map<Path, Long> before = snapshot(root);

        // ENTRYPOINT ["/opt/clay-mcp/bin/clay-mcp"], on free ports
        List<String> entrypoint = new JsonArray(only("ENTRYPOINT")).stream()
                .map(a -> a.toString().replace("/opt/clay-mcp", app.toString())).toList();
        int[] ports = ServerProcess.freePorts(2);
        int port = ports[0];
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(ports[1]));
        env.put("CLAY_SANDBOX", "true");

        try (ServerProcess refused = ServerProcess.run(entrypoint, env, root)) {
            assertNotEquals(0, refused.waitFor(Duration.ofSeconds(60)), "0.0.0.0 without authentication");
            assertTrue(refused.stderr().contains("without authentication"), refused.stderr());
        }

        env.put("CLAY_MCP_AUTH_TOKENS", "image-token");
        try (ServerProcess server = ServerProcess.run(entrypoint, env, root)) {
            List<String> healthcheck = new JsonArray(only("HEALTHCHECK").replaceFirst("^.*CMD\\s+", "")).stream()
                    .map(a -> a.toString().replace("127.0.0.1/8080", "127.0.0.1/" + port)).toList();
            Conditions.await(Duration.ofSeconds(60), "the HEALTHCHECK command to pass", () -> {
                try {
                    Process check = new ProcessBuilder(healthcheck).start();
                    return check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
            assertTrue(server.stdout().isEmpty(), "HTTP mode writes nothing on stdout");
            assertTrue(!server.stderr().contains("image-token"), "the token is never logged");
        }
        assertEquals(before, snapshot(root), "nothing was written: the image runs with a read-only root filesystem");
    }

    /** Every file under {@code tree} with its modification time. */
    private static Map<Path, Long> snapshot(Path tree) throws IOException {
        Map<Path, Long> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path f : walk.toList()) {
                files.put(f, Files.getLastModifiedTime(f).toMillis());
            }
        }
        return files;
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("CLAY_") || k.startsWith("QUARKUS_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void makeReadOnly(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.toList()) {
                f.toFile().setWritable(false, false);
            }
        }
    }
}

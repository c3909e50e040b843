package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ServerProcess;

/**
 * Early answers, in the mode users run after their first start: a warm cache. Each case learns the answers of one
 * configuration, then <em>plants</em> a wrong tool list in that file (one tool short), so a start that used the file
 * would show it; then starts with a configuration that differs in one source Quarkus reads, or one the server refuses.
 * Those starts must answer exactly what the booted server answers, or nothing at all before they refuse.
 */
@Execution(ExecutionMode.CONCURRENT) // each case has its own cache directory and working directory
class EarlyAnswersIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final int ALL_TOOLS = 13;
    static final int READ_ONLY_TOOLS = 7;

    @TempDir
    Path cache;
    @TempDir
    Path workdir;

    private ServerProcess start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("CLAY_MCP_CACHE_DIR", cache.toString());
        all.put("CLAY_MCP_PREPARE", "off");
        return ServerProcess.run(List.of(ServerProcess.launcher().toAbsolutePath().toString()), all, workdir);
    }

    private static JsonObject initialize(ServerProcess server) {
        return server.initialize();
    }

    private static JsonArray tools(ServerProcess server) {
        server.send(ServerProcess.request(1, "tools/list", null));
        return server.response(1, WAIT).getJsonObject("result").getJsonArray("tools");
    }

    private List<Path> answerFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith("answers-")).toList();
        }
    }

    /** Learns the answers of {@code env}, then plants a tool list one tool short in the file. */
    private void learnAndPlant(Map<String, String> env) throws IOException {
        try (ServerProcess first = start(env)) {
            initialize(first);
            assertEquals(ALL_TOOLS, tools(first).size());
        }
        dev.claymcp.support.Conditions.await(WAIT, "the answers saved", () -> {
            try {
                return answerFiles().size() == 1
                        && new JsonObject(Files.readString(answerFiles().get(0))).containsKey("tools");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
        Path file = answerFiles().get(0);
        JsonObject learnt = new JsonObject(Files.readString(file));
        learnt.getJsonObject("tools").getJsonArray("tools").remove(0);
        Files.writeString(file, learnt.encode());
    }

    /** A start with the same configuration is answered from the file: the planted list shows (the control case). */
    @Test
    void theSameConfigurationIsAnsweredFromTheFileAndCorrected() throws IOException {
        learnAndPlant(Map.of("CLAY_SANDBOX", "true"));
        try (ServerProcess again = start(Map.of("CLAY_SANDBOX", "true"))) {
            initialize(again);
            assertEquals(ALL_TOOLS - 1, tools(again).size(), "answered early, from the file");
            assertEquals("notifications/tools/list_changed", again.next(WAIT).getString("method"));
        }
    }

    @Test
    void aSettingInAnySourceQuarkusReadsMakesAnotherKey() throws IOException {
        learnAndPlant(Map.of("CLAY_SANDBOX", "true"));
        List<Consumer<Map<String, String>>> sources = List.of(
                env -> write(workdir.resolve(".env"), "CLAY_READ_ONLY=true\n"),
                env -> write(workdir.resolve("config").resolve("application.properties"), "clay.read-only=true\n"),
                env -> env.put("JAVA_OPTS", "-Dclay.read-only=true"),
                env -> env.put("clay_read_only", "true"));
        for (Consumer<Map<String, String>> source : sources) {
            Map<String, String> env = new HashMap<>(Map.of("CLAY_SANDBOX", "true"));
            source.accept(env);
            try (ServerProcess server = start(env)) {
                initialize(server);
                JsonArray tools = tools(server);
                assertEquals(READ_ONLY_TOOLS, tools.size(), env + " " + tools.encode());
                assertFalse(server.stdout().stream().anyMatch(l -> l.contains("list_changed")), server.stdout().toString());
            }
            clean();
        }
    }

    private void clean() {
        try {
            Files.deleteIfExists(workdir.resolve(".env"));
            Files.deleteIfExists(workdir.resolve("config").resolve("application.properties"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aServerLearntAsASandboxNeverTellsARealClaysClientItIsOne() throws IOException {
        try (ServerProcess sandbox = start(Map.of("clay_sandbox", "true"))) {
            assertTrue(initialize(sandbox).getJsonObject("result").getString("instructions").contains("SANDBOX"));
            tools(sandbox);
        }
        try (ServerProcess real = start(Map.of("CLAY_SESSION_COOKIE", Canary.COOKIE.replace("+", "").replace("=", ""),
                "CLAY_API_URL", "http://127.0.0.1:" + ServerProcess.freePort()))) {
            JsonObject init = initialize(real).getJsonObject("result");
            assertFalse(init.encode().contains("SANDBOX"), init.encode());
            assertEquals(ALL_TOOLS, tools(real).size());
        }
    }

    @Test
    void aRefusedSettingGetsNoAnswerAtAllEvenWithAWarmCache() throws IOException {
        Map<String, String> good = Map.of("CLAY_SESSION_COOKIE", "abc123", "CLAY_API_URL",
                "http://127.0.0.1:" + ServerProcess.freePort(), "CLAY_TOOLS", "count_rows");
        try (ServerProcess first = start(good)) {
            initialize(first);
            assertEquals(1, tools(first).size());
        }
        String placeholder = new JsonObject(Files.readString(Path.of(System.getProperty("build.root"))
                .resolve("mcp-config.example.json"))).getJsonObject("mcpServers").getJsonObject("clay")
                .getJsonObject("env").getString("CLAY_SESSION_COOKIE");
        Map<String, String> withPlaceholder = new HashMap<>(good);
        withPlaceholder.put("CLAY_SESSION_COOKIE", placeholder);
        Map<String, String> withTypo = new HashMap<>(good);
        withTypo.put("CLAY_TOOLS", "count_rows,cuont_rows");
        for (Map<String, String> refused : List.of(withPlaceholder, withTypo)) {
            try (ServerProcess server = start(refused)) {
                server.send(new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize")
                        .put("params", new JsonObject().put("protocolVersion", "2025-06-18")
                                .put("capabilities", new JsonObject())
                                .put("clientInfo", new JsonObject().put("name", "it").put("version", "1"))));
                assertNotEquals(0, server.waitFor(WAIT));
                assertEquals(List.of(), server.stdout(), "no handshake from a server that refuses to start");
                assertTrue(server.stderr().startsWith("clay-mcp-server: "), server.stderr());
            }
        }
    }

    @Test
    void requestsTheBootedServerRefusesAreRefusedAndEachOfTwoRequestsSharingAnIdIsAnsweredOnce() throws IOException {
        try (ServerProcess first = start(Map.of("CLAY_SANDBOX", "true"))) {
            initialize(first);
            assertEquals(ALL_TOOLS, tools(first).size());
        }
        // no clientInfo: the booted library refuses it, so nothing is answered early
        try (ServerProcess server = start(Map.of("CLAY_SANDBOX", "true"))) {
            server.send(new JsonObject().put("jsonrpc", "2.0").put("id", 5).put("method", "initialize")
                    .put("params", new JsonObject().put("protocolVersion", "2025-06-18")
                            .put("capabilities", new JsonObject())));
            JsonObject answer = server.response(5, WAIT);
            assertTrue(answer.containsKey("error"), answer.encode());
        }
        // initialize id 1, then tools/list id 1: each answered once, and the file stays right
        try (ServerProcess server = start(Map.of("CLAY_SANDBOX", "true"))) {
            server.send(new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize")
                    .put("params", new JsonObject().put("protocolVersion", "2025-06-18")
                            .put("capabilities", new JsonObject())
                            .put("clientInfo", new JsonObject().put("name", "it").put("version", "1"))));
            server.send(ServerProcess.request(1, "tools/list", null));
            server.send(ServerProcess.request(2, "ping", null));
            server.response(2, WAIT);
            // a second initialize is refused, as the booted server refuses it
            server.send(new JsonObject().put("jsonrpc", "2.0").put("id", 3).put("method", "initialize")
                    .put("params", new JsonObject().put("protocolVersion", "2025-06-18")
                            .put("capabilities", new JsonObject())
                            .put("clientInfo", new JsonObject().put("name", "it").put("version", "1"))));
            assertTrue(server.response(3, WAIT).containsKey("error"));
            dev.claymcp.support.Conditions.await(WAIT, "both answers with id 1", () -> server.stdout().stream()
                    .filter(l -> l.startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,")).count() == 2);
            List<JsonObject> ones = server.stdout().stream().map(JsonObject::new)
                    .filter(m -> Integer.valueOf(1).equals(m.getValue("id"))).toList();
            assertEquals(2, ones.size(), ones.toString());
            assertTrue(ones.stream().anyMatch(m -> m.getJsonObject("result").containsKey("serverInfo")));
            assertTrue(ones.stream().anyMatch(m -> m.getJsonObject("result").containsKey("tools")));
        }
        try (ServerProcess next = start(Map.of("CLAY_SANDBOX", "true"))) {
            initialize(next);
            assertEquals(ALL_TOOLS, tools(next).size(), "the file still holds the tool list as the tool list");
            assertFalse(next.stdout().stream().anyMatch(l -> l.contains("list_changed")), "and it was right");
        }
    }
}

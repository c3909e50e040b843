package dev.claymcp.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The library's own answers to {@code initialize} and {@code tools/list}, as this build gave them under this
 * configuration, kept in the user's private cache so that the next start can answer them before Quarkus has booted (a
 * desktop client starts every server when it opens, and waits for these two answers).
 * <p>
 * The file is named by a key made of the build (an id written at build time from the application's content) and of
 * every setting of this server, of Quarkus and of the configuration itself, from every source the booted server reads
 * (system properties, environment variables in any letter case, {@code .env}, {@code config/application.properties},
 * the build's own files), secrets left out: {@code dev.claymcp.config.Settings#shaping}. So a start whose answers
 * could differ uses another file; a start whose configuration may come from elsewhere ({@code
 * quarkus.config.locations}) uses none. Only well-formed answers the library really gave are kept.
 */
final class EarlyAnswers {

    static final String PREFIX = "answers-";
    /** Answers of other builds and configurations kept, newest first. */
    static final int KEEP = 8;
    private static final ObjectMapper JSON = JsonRpcCheck.JSON;

    private final PrivateCache cache;
    private final String name;
    /** Requested protocol version -> the result of initialize. */
    private final Map<String, JsonNode> initialize = new ConcurrentHashMap<>();
    private volatile JsonNode tools;

    private EarlyAnswers(PrivateCache cache, String name) {
        this.cache = cache;
        this.name = name;
    }

    /** The answers for this key, empty but ready to learn when there are none yet. */
    static EarlyAnswers open(PrivateCache cache, String key) {
        EarlyAnswers answers = new EarlyAnswers(cache, PREFIX + key + ".json");
        cache.read(answers.name).ifPresent(text -> {
            try {
                JsonNode saved = JSON.readTree(text);
                saved.path("initialize").fields().forEachRemaining(e -> {
                    if (isInitializeResult(e.getValue())) {
                        answers.initialize.put(e.getKey(), e.getValue());
                    }
                });
                answers.tools = isToolsResult(saved.get("tools")) ? saved.get("tools") : null;
            } catch (IOException | RuntimeException unreadable) {
                // a damaged file is relearnt
            }
        });
        return answers;
    }

    Optional<JsonNode> initialize(String protocolVersion) {
        return Optional.ofNullable(initialize.get(protocolVersion));
    }

    Optional<JsonNode> tools() {
        return Optional.ofNullable(tools);
    }

    /** Records what the library answered; true when it changed what was known. */
    boolean learnInitialize(String protocolVersion, JsonNode result) {
        return isInitializeResult(result) && !result.equals(initialize.put(protocolVersion, result));
    }

    /**
     * Records the library's tool list; true when it changed what was known. The library lists tools in the order they
     * were registered, which may differ from one boot to the next: the same tools in another order are the same list.
     */
    boolean learnTools(JsonNode result) {
        if (!isToolsResult(result) || tools != null && byName(result).equals(byName(tools))) {
            return false;
        }
        tools = result;
        return true;
    }

    private static Map<String, JsonNode> byName(JsonNode result) {
        Map<String, JsonNode> named = new java.util.TreeMap<>();
        result.path("tools").forEach(t -> named.put(t.path("name").asText(), t));
        if (result.size() > 1) {
            ObjectNode rest = result.deepCopy();
            rest.remove("tools");
            named.put("", rest);
        }
        return named;
    }

    void forgetInitialize(String protocolVersion) {
        initialize.remove(protocolVersion);
    }

    void forgetTools() {
        tools = null;
    }

    static boolean isInitializeResult(JsonNode result) {
        return result != null && result.isObject() && result.path("protocolVersion").isTextual()
                && result.path("capabilities").isObject() && result.path("serverInfo").path("name").isTextual();
    }

    static boolean isToolsResult(JsonNode result) {
        return result != null && result.isObject() && result.path("tools").isArray();
    }

    /**
     * Writes what is known (no file when either answer is missing), then prunes the answers of old keys. One save at a
     * time, so an older save cannot undo a newer one.
     */
    synchronized void save() {
        try {
            if (tools == null || initialize.isEmpty()) {
                cache.delete(name);
                return;
            }
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode init = doc.putObject("initialize");
            initialize.forEach(init::set);
            doc.set("tools", tools);
            cache.write(name, doc.toString());
            cache.prune(PREFIX, KEEP);
        } catch (IOException | RuntimeException e) {
            // no file: the next start boots before answering, as without one
        }
    }

    Path file() {
        return cache.dir().resolve(name);
    }

    /** The key of a build and a configuration. */
    static String key(String build, Map<String, String> settings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("build=" + build + "\n").getBytes(StandardCharsets.UTF_8));
            settings.forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

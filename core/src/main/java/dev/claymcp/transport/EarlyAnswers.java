package dev.claymcp.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The library's own answers to {@code initialize} and {@code tools/list}, as this build gave them under this
 * configuration, kept in a small file so that the next start can answer them before Quarkus has booted (a desktop
 * client starts every server when it opens and waits for these two answers). The file is written from answers the
 * library really gave, and every early answer is checked against the library's answer once it has booted: a
 * difference rewrites the file, and a tool list that changed is announced to the client
 * ({@code notifications/tools/list_changed}).
 * <p>
 * The file is keyed by the application's jar and by every {@code CLAY_*}/{@code QUARKUS_*} setting that could change an
 * answer (secrets excluded), so another build or another configuration never sees answers that are not its own.
 */
final class EarlyAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings that never change an answer, and are secrets: kept out of the key. */
    private static final java.util.Set<String> NOT_IN_KEY = java.util.Set.of("CLAY_SESSION_COOKIE",
            "CLAY_SESSION_COOKIE_FILE", "CLAY_MCP_AUTH_TOKENS", "clay.session-cookie", "clay.session-cookie-file",
            "clay.mcp.auth-tokens");

    private final Path file;
    /** Requested protocol version -> the result of initialize. */
    private final Map<String, JsonNode> initialize = new ConcurrentHashMap<>();
    private volatile JsonNode tools;
    private volatile boolean dirty;

    private EarlyAnswers(Path file) {
        this.file = file;
    }

    /** The answers for this build and configuration, empty but ready to learn when there are none yet. */
    static Optional<EarlyAnswers> load(Optional<Path> cacheDir, Path appJar) {
        if (cacheDir.isEmpty() || appJar == null) {
            return Optional.empty();
        }
        EarlyAnswers answers = new EarlyAnswers(cacheDir.get().resolve("answers-" + key(appJar) + ".json"));
        try {
            if (Files.isRegularFile(answers.file)) {
                JsonNode saved = JSON.readTree(answers.file.toFile());
                saved.path("initialize").fields().forEachRemaining(e -> answers.initialize.put(e.getKey(), e.getValue()));
                JsonNode tools = saved.get("tools");
                answers.tools = tools != null && tools.isObject() ? tools : null;
            }
        } catch (IOException | RuntimeException unreadable) {
            // a damaged file is relearnt
        }
        return Optional.of(answers);
    }

    /** The result of initialize for a client asking for this protocol version, when known. */
    Optional<JsonNode> initialize(String protocolVersion) {
        return Optional.ofNullable(protocolVersion == null ? null : initialize.get(protocolVersion));
    }

    Optional<JsonNode> tools() {
        return Optional.ofNullable(tools);
    }

    /** Records what the library answered; returns false when it differs from what was known. */
    boolean learnInitialize(String protocolVersion, JsonNode result) {
        if (protocolVersion == null) {
            return true;
        }
        JsonNode known = initialize.put(protocolVersion, result);
        boolean same = result.equals(known);
        dirty |= !same;
        return known == null || same;
    }

    boolean learnTools(JsonNode result) {
        JsonNode known = tools;
        tools = result;
        boolean same = result.equals(known);
        dirty |= !same;
        return known == null || same;
    }

    /** Writes what was learnt, when anything changed: atomically, so a concurrent start reads old or new, never half. */
    void save() {
        if (!dirty || tools == null || initialize.isEmpty()) {
            return;
        }
        dirty = false;
        try {
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode init = doc.putObject("initialize");
            initialize.forEach(init::set);
            doc.set("tools", tools);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "answers", ".tmp");
            Files.writeString(temp, doc.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // no cache: the next start boots before answering, as without one
        }
    }

    /** The application (its jar's path, size and time) and every setting that could change an answer. */
    static String key(Path appJar) {
        Map<String, String> settings = new TreeMap<>();
        try {
            settings.put("app", appJar.toAbsolutePath() + "|" + Files.size(appJar) + "|" + Files.getLastModifiedTime(appJar));
        } catch (IOException e) {
            settings.put("app", appJar.toAbsolutePath().toString());
        }
        System.getenv().forEach((k, v) -> {
            if ((k.startsWith("CLAY_") || k.startsWith("QUARKUS_")) && !NOT_IN_KEY.contains(k)) {
                settings.put("env:" + k, v);
            }
        });
        System.getProperties().forEach((k, v) -> {
            String name = String.valueOf(k);
            if ((name.startsWith("clay.") || name.startsWith("quarkus.")) && !NOT_IN_KEY.contains(name)) {
                settings.put("prop:" + name, String.valueOf(v));
            }
        });
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            settings.forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

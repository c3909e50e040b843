package dev.claymcp.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shape a JSON-RPC message must have before the MCP library sees it, shared by both transports. The library
 * answers some malformed messages with an internal error, never answers others (a {@code tools/call} without a name),
 * and answers unknown notifications, which JSON-RPC forbids; this check answers each such message itself with the
 * right code and a message that names what is wrong, and drops notifications the library does not know.
 */
public final class JsonRpcCheck {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;

    /**
     * Notifications the library handles ({@code q/close} is its own, which ends an SSE session); any other is dropped
     * unanswered, as JSON-RPC requires.
     */
    static final Set<String> KNOWN_NOTIFICATIONS = Set.of("notifications/initialized", "notifications/cancelled",
            "notifications/roots/list_changed", "q/close");

    /** The stdio transport's one plain mapper, for building answers and reading what needs no checks. */
    static final ObjectMapper JSON = new ObjectMapper();
    /** How a message is read: one JSON value, and no key twice in one object. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '((?:[^'\\\\]|\\\\.){0,200})'");

    private JsonRpcCheck() {
    }

    /**
     * A message with a key twice in one object ({@code "tableId"} twice in the arguments): which one counts would be
     * up to whoever reads it next (the library takes the last), so it is answered here and goes no further.
     */
    public static final class DuplicateKey extends JsonProcessingException {
        private static final long serialVersionUID = 1L;
        public final transient ObjectNode answer;

        DuplicateKey(ObjectNode answer) {
            super(answer.path("error").path("message").asText());
            this.answer = answer;
        }
    }

    /**
     * Reads one JSON-RPC message.
     *
     * @throws DuplicateKey for a message with a key twice in one object, with its error answer
     * @throws JsonProcessingException for text that is not one JSON value
     */
    public static JsonNode parse(byte[] bytes, int offset, int length) throws JsonProcessingException {
        try {
            return STRICT.readTree(bytes, offset, length);
        } catch (StreamReadException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
            if (!duplicate.find()) {
                throw e;
            }
            JsonNode message;
            try {
                message = LENIENT.readTree(bytes, offset, length);
            } catch (IOException notJsonEither) {
                throw e;
            }
            JsonNode id = message.isObject() ? message.get("id") : null;
            // with "id" twice, which request this answers cannot be told: null, as for an id that cannot be read
            boolean usable = id != null && (id.isTextual() || id.isIntegralNumber()) && !duplicate.group(1).equals("id");
            throw new DuplicateKey(error(usable ? id : NullNode.getInstance(), INVALID_REQUEST, "Invalid Request: "
                    + "the key '" + duplicate.group(1) + "' appears twice in one object; send each key once"));
        } catch (IOException e) {
            if (e instanceof JsonProcessingException p) {
                throw p;
            }
            throw new IllegalStateException("reading from memory", e);
        }
    }

    /** What to do with a message: pass it on (possibly reduced), answer it here, or both. */
    public record Verdict(JsonNode forward, List<ObjectNode> answers) {
        static Verdict pass(JsonNode message) {
            return new Verdict(message, List.of());
        }
    }

    public static Verdict check(JsonNode message) {
        if (message.isObject()) {
            ObjectNode error = problem(message);
            if (error != null) {
                return new Verdict(null, List.of(error));
            }
            return dropped(message) ? new Verdict(null, List.of()) : Verdict.pass(message);
        }
        if (!message.isArray()) {
            return new Verdict(null, List.of(error(NullNode.getInstance(), INVALID_REQUEST,
                    "Invalid Request: a JSON-RPC message must be a JSON object")));
        }
        if (message.isEmpty()) {
            return new Verdict(null, List.of(error(NullNode.getInstance(), INVALID_REQUEST,
                    "Invalid Request: an empty batch")));
        }
        List<ObjectNode> errors = new ArrayList<>();
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode m : message) {
            ObjectNode error = m.isObject() ? problem(m) : error(NullNode.getInstance(), INVALID_REQUEST,
                    "Invalid Request: each message of a batch must be a JSON object");
            if (error != null) {
                errors.add(error);
            } else if (!dropped(m)) {
                kept.add(m);
            }
        }
        if (errors.isEmpty()) {
            return kept.isEmpty() ? new Verdict(null, List.of()) : Verdict.pass(kept);
        }
        // no partial batches: every request of a batch with a bad message is answered, none is processed
        for (JsonNode m : kept) {
            if (m.has("id") && m.has("method")) {
                errors.add(error(m.get("id"), INVALID_REQUEST,
                        "Invalid Request: not processed, because another message of its batch was invalid"));
            }
        }
        return new Verdict(null, errors);
    }

    /** The error answer a single message needs, or null when it may go on. */
    private static ObjectNode problem(JsonNode m) {
        JsonNode id = m.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            return error(NullNode.getInstance(), INVALID_REQUEST, "Invalid Request: id must be a string or a number");
        }
        JsonNode answerId = id == null ? NullNode.getInstance() : id;
        if (!"2.0".equals(m.path("jsonrpc").asText(null))) {
            return id == null && m.has("method") ? null : error(answerId, INVALID_REQUEST,
                    "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = m.get("method");
        if (method == null) {
            if (id != null && (m.has("result") || m.has("error"))) {
                return null; // a client's answer to a request of ours
            }
            return error(answerId, INVALID_REQUEST, "Invalid Request: a message needs a method (or, as an answer, a "
                    + "result or an error)");
        }
        if (!method.isTextual()) {
            return id == null ? null : error(answerId, INVALID_REQUEST, "Invalid Request: method must be a string");
        }
        if (id == null) {
            return null; // notifications are never answered; dropped() decides whether the library sees it
        }
        JsonNode params = m.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            return error(id, INVALID_PARAMS, "Invalid params: params must be an object");
        }
        if (params != null && params.has("_meta") && !params.get("_meta").isObject()) {
            return error(id, INVALID_PARAMS, "Invalid params: params._meta must be an object");
        }
        if (method.asText().equals("initialize")) {
            String problem = initializeProblem(params);
            if (problem != null) {
                return error(id, INVALID_PARAMS, "Invalid params: initialize needs " + problem);
            }
        }
        if (method.asText().equals("tools/call")) {
            JsonNode name = params == null ? null : params.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                return error(id, INVALID_PARAMS, "Invalid params: tools/call needs params.name, the name of a tool "
                        + "(see tools/list), as a string");
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                return error(id, INVALID_PARAMS, "Invalid params: params.arguments of tools/call must be an object "
                        + "mapping argument names to values");
            }
        }
        return null;
    }

    /**
     * What an initialize lacks that the library needs (it would fail on it without a useful answer), or null: a
     * protocolVersion string, capabilities as an object when given, and clientInfo naming the client (name and
     * version strings; title, description and websiteUrl strings when given; icons a list of objects when given).
     */
    private static String initializeProblem(JsonNode params) {
        if (params == null || params.isNull()) {
            return "params with protocolVersion, capabilities and clientInfo";
        }
        if (!params.path("protocolVersion").isTextual()) {
            return "params.protocolVersion, the MCP version the client speaks, as a string (such as \"2025-06-18\")";
        }
        JsonNode capabilities = params.get("capabilities");
        if (capabilities != null && !capabilities.isNull() && !capabilities.isObject()) {
            return "params.capabilities to be an object";
        }
        JsonNode client = params.get("clientInfo");
        if (client == null || !client.isObject() || !client.path("name").isTextual()
                || !client.path("version").isTextual()) {
            return "params.clientInfo, an object with the client's name and version as strings";
        }
        for (String text : List.of("title", "description", "websiteUrl")) {
            JsonNode value = client.get(text);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return "params.clientInfo." + text + " to be a string";
            }
        }
        JsonNode icons = client.get("icons");
        if (icons != null && !icons.isNull() && !(icons.isArray() && java.util.stream.StreamSupport
                .stream(icons.spliterator(), false).allMatch(JsonNode::isObject))) {
            return "params.clientInfo.icons to be a list of objects";
        }
        return null;
    }

    /** A notification the library would answer (wrongly) or choke on: dropped without an answer. */
    private static boolean dropped(JsonNode m) {
        if (m.has("id") || m.has("result") || m.has("error")) {
            return false;
        }
        JsonNode method = m.get("method");
        JsonNode params = m.get("params");
        return method == null || !method.isTextual() || !KNOWN_NOTIFICATIONS.contains(method.asText())
                || !"2.0".equals(m.path("jsonrpc").asText(null))
                || (params != null && !params.isNull() && !params.isObject());
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("jsonrpc", "2.0");
        error.set("id", id == null ? NullNode.getInstance() : id);
        error.putObject("error").put("code", code).put("message", message);
        return error;
    }
}

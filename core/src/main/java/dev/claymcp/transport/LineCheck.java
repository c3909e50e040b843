package dev.claymcp.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What becomes of one line of stdin: the answers given here (to a line that is too long, not UTF-8, not JSON, or not
 * a well-formed JSON-RPC message: {@link JsonRpcCheck}) and the message, if any, that goes on to the library, written
 * in ASCII (every other character as a JSON escape) so that the library's platform charset cannot alter it.
 */
final class LineCheck {

    private static final ObjectMapper JSON = JsonRpcCheck.JSON;
    private static final Pattern ID_AT_START = Pattern.compile(
            "^\\s*\\{\\s*(?:\"jsonrpc\"\\s*:\\s*\"2\\.0\"\\s*,\\s*)?\"id\"\\s*:\\s*(-?[0-9]{1,18}|\"(?:[^\"\\\\]|\\\\.){0,200}\")");
    private static final Pattern ID_AT_END = Pattern.compile(
            "\"id\"\\s*:\\s*(-?[0-9]{1,18}|\"(?:[^\"\\\\]|\\\\.){0,200}\")\\s*(?:,\\s*\"jsonrpc\"\\s*:\\s*\"2\\.0\"\\s*)?\\}\\s*$");

    /** The answers given here, and the message for the library (null when none), as read and as ASCII text. */
    record Admission(List<ObjectNode> answers, JsonNode message, byte[] forward) {
        /** The requests (messages with a method and an id) that go on to the library. */
        List<JsonNode> requests() {
            List<JsonNode> requests = new ArrayList<>();
            if (message != null) {
                for (JsonNode m : message.isArray() ? message : List.of(message)) {
                    if (m.hasNonNull("method") && m.hasNonNull("id")) {
                        requests.add(m);
                    }
                }
            }
            return requests;
        }
    }

    private LineCheck() {
    }

    static Admission admit(StdinLines.Line line, int maxLineBytes) {
        if (line.tooLong()) {
            return answered(JsonRpcCheck.error(idOfLongLine(line), JsonRpcCheck.INVALID_REQUEST, "Request too large: "
                    + "a message may be at most " + maxLineBytes + " bytes (CLAY_MCP_MAX_MESSAGE_BYTES); this one has "
                    + line.length() + ". Send less per call, e.g. split add_rows into several calls."));
        }
        byte[] utf8 = line.bytes();
        int length = utf8.length > 0 && utf8[utf8.length - 1] == '\r' ? utf8.length - 1 : utf8.length;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return answered(JsonRpcCheck.error(NullNode.getInstance(), JsonRpcCheck.PARSE_ERROR,
                    "Parse error: this line is not valid UTF-8; send JSON-RPC messages as UTF-8 text"));
        }
        JsonNode message = null;
        if (!text.isBlank()) {
            try {
                message = JsonRpcCheck.parse(utf8, 0, length);
            } catch (JsonRpcCheck.DuplicateKey e) {
                return answered(e.answer);
            } catch (JsonProcessingException e) {
                message = null;
            }
        }
        if (message == null) {
            return answered(JsonRpcCheck.error(NullNode.getInstance(), JsonRpcCheck.PARSE_ERROR, "Parse error: each "
                    + "line must be one JSON-RPC message; this line is " + (text.isBlank() ? "empty" : "not valid JSON")));
        }
        JsonRpcCheck.Verdict verdict = JsonRpcCheck.check(message);
        if (verdict.forward() == null) {
            return new Admission(verdict.answers(), null, null);
        }
        String forward = verdict.forward() == message ? text : verdict.forward().toString();
        return new Admission(verdict.answers(), verdict.forward(),
                (asciiOnly(forward.strip()) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static Admission answered(ObjectNode answer) {
        return new Admission(List.of(answer), null, null);
    }

    /** The id of a line too long to parse, found at either end when it is plainly there; null otherwise. */
    private static JsonNode idOfLongLine(StdinLines.Line line) {
        for (Matcher m : List.of(ID_AT_START.matcher(new String(line.head(), StandardCharsets.UTF_8)),
                ID_AT_END.matcher(new String(line.tail(), StandardCharsets.UTF_8)))) {
            if (m.find()) {
                try {
                    return JSON.readTree(m.group(1));
                } catch (JsonProcessingException e) {
                    // not a usable id
                }
            }
        }
        return NullNode.getInstance();
    }

    /** Valid JSON has non-ASCII characters only inside strings, where a {@code \}{@code uXXXX} escape means the same. */
    static String asciiOnly(String json) {
        StringBuilder b = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 0x7e) {
                if (b == null) {
                    b = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? json : b.toString();
    }
}

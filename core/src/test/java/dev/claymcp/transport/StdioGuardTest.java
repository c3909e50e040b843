package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * What the library gets to read, and what the guard answers itself, for each kind of line a client (or a broken
 * one) can send over stdio. The library reads the guard as its stdin, so these are exactly its inputs.
 */
class StdioGuardTest {

    record Outcome(List<String> forwarded, List<JsonObject> answered) {
    }

    private static Outcome feed(byte[] input, int maxLineBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdioGuard guard = new StdioGuard(new ByteArrayInputStream(input), out, Duration.ZERO, maxLineBytes);
        String forwarded = new String(guard.readAllBytes(), StandardCharsets.US_ASCII);
        List<JsonObject> answered = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                answered.add(new JsonObject(line));
            }
        }
        return new Outcome(forwarded.isEmpty() ? List.of() : Arrays.asList(forwarded.split("\n")), answered);
    }

    private static Outcome feed(String... lines) throws IOException {
        return feed((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    private static JsonObject onlyAnswer(Outcome outcome) {
        assertEquals(List.of(), outcome.forwarded(), "nothing reaches the library");
        assertEquals(1, outcome.answered().size(), outcome.answered().toString());
        return outcome.answered().get(0);
    }

    private static void assertError(JsonObject answer, Object id, int code, String messageStart) {
        assertEquals("2.0", answer.getString("jsonrpc"));
        assertEquals(id, answer.getValue("id"));
        assertEquals(code, answer.getJsonObject("error").getInteger("code"));
        assertTrue(answer.getJsonObject("error").getString("message").startsWith(messageStart),
                answer.getJsonObject("error").getString("message"));
    }

    @Test
    void wellFormedMessagesPassUnchanged() throws IOException {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"count_rows\","
                + "\"arguments\":{\"tableId\":\"t_abc\"}}}";
        Outcome outcome = feed(call, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertEquals(List.of(call, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), outcome.forwarded());
        assertEquals(List.of(), outcome.answered());
    }

    @Test
    void nonAsciiTextReachesTheLibraryAsEscapesThatMeanTheSame() throws IOException {
        Outcome outcome = feed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"n\":\"ünï©😀\"}}}");

        String forwarded = outcome.forwarded().get(0);
        assertTrue(forwarded.chars().allMatch(c -> c < 0x7f), forwarded);
        assertEquals("ünï©😀", new JsonObject(forwarded).getJsonObject("params").getJsonObject("_meta").getString("n"));
    }

    @Test
    void blankMalformedAndNonObjectLinesAreAnsweredHereAndReadingGoesOn() throws IOException {
        Outcome outcome = feed("", "this is not json", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"", "42",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");

        assertEquals(4, outcome.answered().size());
        assertError(outcome.answered().get(0), null, -32700, "Parse error: each line must be one JSON-RPC message; "
                + "this line is empty");
        assertError(outcome.answered().get(1), null, -32700, "Parse error");
        assertError(outcome.answered().get(2), null, -32700, "Parse error");
        assertError(outcome.answered().get(3), null, -32600, "Invalid Request");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}"), outcome.forwarded());
    }

    @Test
    void invalidUtf8IsRefusedNotRewritten() throws IOException {
        byte[] line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"x\":\"a\u00ffb\"}}}\n"
                .getBytes(StandardCharsets.ISO_8859_1); // 0xFF alone is not UTF-8

        assertError(onlyAnswer(feed(line, 1 << 20)), null, -32700, "Parse error: this line is not valid UTF-8");
    }

    @Test
    void aToolsCallWithoutAUsableNameOrWithBadArgumentsIsInvalidParams() throws IOException {
        String[] calls = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":null}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":5}}" };
        for (int i = 0; i < calls.length; i++) {
            assertError(onlyAnswer(feed(calls[i])), i + 1, -32602, "Invalid params: tools/call needs params.name");
        }
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"count_rows\",\"arguments\":[]}}")), 5, -32602, "Invalid params: params.arguments of tools/call");
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"count_rows\",\"arguments\":\"x\"}}")), 6, -32602, "Invalid params: params.arguments of tools/call");
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"count_rows\",\"_meta\":\"x\"}}")), 7, -32602, "Invalid params: params._meta must be an object");
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":[1]}")), 8, -32602,
                "Invalid params: params must be an object");
    }

    @Test
    void aMethodThatIsNotAStringIsAnInvalidRequest() throws IOException {
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}")), 1, -32600,
                "Invalid Request: method must be a string");
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}")), null, -32600,
                "Invalid Request: id must be a string or a number");
    }

    @Test
    void unknownOrMalformedNotificationsAreDroppedUnanswered() throws IOException {
        Outcome outcome = feed("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/made_up\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":7}", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":\"x\"}");

        assertEquals(List.of(), outcome.forwarded());
        assertEquals(List.of(), outcome.answered());
    }

    @Test
    void anOverlongLineIsAnsweredWithItsOwnIdAndASizeError() throws IOException {
        String huge = "x".repeat(5000);
        String idFirst = "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\",\"params\":{\"name\":\"add_rows\","
                + "\"arguments\":{\"tableId\":\"" + huge + "\"}}}";
        String idLast = "{\"method\":\"tools/call\",\"params\":{\"name\":\"add_rows\",\"arguments\":{\"tableId\":\"" + huge
                + "\"}},\"jsonrpc\":\"2.0\",\"id\":\"req-42\"}";
        String next = "{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"ping\"}";

        Outcome outcome = feed((idFirst + "\n" + idLast + "\n" + next + "\n").getBytes(StandardCharsets.UTF_8), 1000);

        assertError(outcome.answered().get(0), 41, -32600, "Request too large: a message may be at most 1000 bytes "
                + "(CLAY_MCP_MAX_MESSAGE_BYTES); this one has " + idFirst.length());
        assertError(outcome.answered().get(1), "req-42", -32600, "Request too large");
        assertEquals(List.of(next), outcome.forwarded(), "the next line is read as usual");
    }

    @Test
    void aBatchWithABadMessageIsAnsweredWhole() throws IOException {
        Outcome outcome = feed("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{}}]");

        assertEquals(List.of(), outcome.forwarded());
        assertEquals(2, outcome.answered().size());
        assertError(outcome.answered().get(0), 2, -32602, "Invalid params");
        assertError(outcome.answered().get(1), 1, -32600, "Invalid Request: not processed");
    }

    @Test
    void theLibrarySeesEndOfInputOnlyAfterTheLastLine() throws IOException {
        InputStream guard = new StdioGuard(new ByteArrayInputStream("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
                .getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), Duration.ZERO, 1000);

        byte[] all = guard.readAllBytes();

        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n",
                new String(all, StandardCharsets.US_ASCII), "a last line without a newline still counts");
        assertEquals(-1, guard.read());
    }

    @Test
    void theLibrarysAnswersAreRecognisedWithoutParsingThemWhole() {
        for (String[] c : new String[][] {
                { "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"x\":1}}", "5" },
                { "{\"jsonrpc\":\"2.0\",\"id\":-12,\"error\":{\"code\":1}}", "-12" },
                { "{\"jsonrpc\":\"2.0\",\"id\":\"req-1\",\"result\":{}}", "\"req-1\"" },
                { "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"result\":{}}", null },
                { "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}", null },
                { "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"elicitation/create\"}", null },
                { "{\"id\":5,\"jsonrpc\":\"2.0\",\"result\":{}}", null } }) {
            byte[] line = c[0].getBytes(StandardCharsets.UTF_8);
            assertEquals(c[1], StdioGuard.plainAnswerId(line, line.length), c[0]);
        }
    }

    @Test
    void aKeyTwiceInOneObjectIsAnsweredAndNeverReachesTheLibrary() throws IOException {
        JsonObject answer = onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"delete_all_rows\",\"arguments\":{\"tableId\":\"t_a\",\"confirm\":\"t_a\",\"confirm\":\"t_b\"}}}"));
        assertError(answer, 7, JsonRpcCheck.INVALID_REQUEST, "Invalid Request: the key 'confirm' appears twice in one "
                + "object; send each key once");
        // an id twice: the answer cannot say which request it answers
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}")), null,
                JsonRpcCheck.INVALID_REQUEST, "Invalid Request: the key 'id' appears twice");
    }

    @Test
    void withAnswersLearntBeforeInitializeAndToolsListAreAnsweredWhileTheLibraryBootsAndItStillSeesEverything(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdioGuard guard = withLearntAnswers(dir, new ByteArrayInputStream((init + "\n" + list + "\n").getBytes(
                StandardCharsets.UTF_8)), out);

        guard.readEarly(); // the library has not read yet: the early reader takes the lines

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"serverInfo\":{\"name\":\"s\"}}}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[]}}\n",
                out.toString(StandardCharsets.UTF_8));
        assertEquals(init + "\n" + list + "\n", new String(guard.readAllBytes(), StandardCharsets.US_ASCII),
                "the library still reads the whole conversation");
        // its own answers are held back: the client has them already
        guard.stdout().println("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"serverInfo\":{\"name\":\"s\"}}}");
        guard.stdout().println("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[]}}");
        assertEquals(2, out.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void anInitializeTheLibraryCouldNotReadIsInvalidParams() throws IOException {
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}")), 1, JsonRpcCheck.INVALID_PARAMS,
                "Invalid params: initialize needs params.clientInfo, an object with the client's name and version");
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":\"x\",\"clientInfo\":{\"name\":\"c\","
                + "\"version\":\"1\"}}}")), 2, JsonRpcCheck.INVALID_PARAMS,
                "Invalid params: initialize needs params.capabilities to be an object");
        assertError(onlyAnswer(feed("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\"}")), 3,
                JsonRpcCheck.INVALID_PARAMS, "Invalid params: initialize needs params with protocolVersion");
    }

    @Test
    void theLibraryGetsTheLinesTheEarlyReaderQueuedWhileThatReaderWaitsForMoreInput(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.io.PipedOutputStream client = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(client, 1 << 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdioGuard guard = withLearntAnswers(dir, stdin, out);
        Thread early = new Thread(guard::readEarly);
        early.setDaemon(true);
        early.start();
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}\n";
        client.write(ping.getBytes(StandardCharsets.UTF_8));
        client.flush();
        dev.claymcp.support.Conditions.await(Duration.ofSeconds(30), "the line queued and the reader waiting for more",
                () -> early.getState() == Thread.State.TIMED_WAITING || early.getState() == Thread.State.WAITING);

        // the client now waits for an answer: the library must get the queued line without more input
        byte[] line = new byte[ping.length()];
        int n = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> guard.read(line, 0, line.length));
        assertEquals(ping, new String(line, 0, n, StandardCharsets.US_ASCII));
        client.close();
    }

    /** A guard whose cache holds answers learnt earlier (an initialize for 2025-06-18 and an empty tool list). */
    static StdioGuard withLearntAnswers(java.nio.file.Path dir, InputStream stdin, ByteArrayOutputStream out)
            throws IOException {
        PrivateCache cache = PrivateCache.open(dir).orElseThrow();
        cache.write(EarlyAnswers.PREFIX + "k.json", "{\"initialize\":{\"2025-06-18\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"serverInfo\":{\"name\":\"s\"}}},\"tools\":{\"tools\":[]}}");
        return new StdioGuard(stdin, out, System.err, Duration.ZERO, 1 << 20, watcher -> java.util.Optional.of(
                new EarlyResponder(EarlyAnswers.open(cache, "k"), watcher::direct, System.err, () -> { }, Runnable::run)));
    }
}

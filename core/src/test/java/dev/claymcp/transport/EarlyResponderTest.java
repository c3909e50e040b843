package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claymcp.support.Conditions;

/**
 * What is answered before the library has booted, and what becomes of the library's own answers: the requests a real
 * client sends, the ones a broken or hostile client sends, and a library that answers differently from the file.
 */
class EarlyResponderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INIT_RESULT = "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
            + "\"serverInfo\":{\"name\":\"clay-mcp-server\",\"version\":\"1\"}}";
    private static final String TOOLS_RESULT = "{\"tools\":[{\"name\":\"count_rows\"},{\"name\":\"add_rows\"}]}";

    @TempDir
    Path dir;
    private PrivateCache cache;
    private final List<String> toClient = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicInteger exits = new AtomicInteger();

    @BeforeEach
    void openCache() {
        cache = PrivateCache.open(dir.resolve("cache")).orElseThrow();
    }

    private EarlyResponder responder() {
        return new EarlyResponder(EarlyAnswers.open(cache, "k"), toClient::add,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), exits::incrementAndGet, Runnable::run);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode initialize(Object id, String params) {
        return json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":" + params + "}");
    }

    private static JsonNode initialize(Object id) {
        return initialize(id, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":"
                + "{\"name\":\"claude-code\",\"version\":\"2.1\"}}");
    }

    private static JsonNode toolsList(Object id) {
        return json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
    }

    private static JsonNode result(Object id, String result) {
        return json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
    }

    private Path file() {
        return dir.resolve("cache").resolve(EarlyAnswers.PREFIX + "k.json");
    }

    /** A start that learns both answers, as the first start of a build does. */
    private void learn(String tools) {
        EarlyResponder first = responder();
        assertEquals(Optional.empty(), first.request(initialize(1), false, true));
        assertTrue(first.answer(result(1, INIT_RESULT)), "the library's answer reaches the client");
        assertEquals(Optional.empty(), first.request(toolsList(2), false, true));
        assertTrue(first.answer(result(2, tools)));
        Conditions.await(WAIT, "the answers saved", () -> Files.isRegularFile(file()));
        Conditions.await(WAIT, "both answers saved", () -> {
            try {
                return json(Files.readString(file())).path("tools").equals(json(tools));
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aColdStartAnswersNothingEarlyAndLearnsWhatTheLibraryAnswered() throws IOException {
        assertFalse(responder().ready());
        learn(TOOLS_RESULT);

        JsonNode saved = json(Files.readString(file()));
        assertEquals(json(INIT_RESULT), saved.path("initialize").path("2025-06-18"));
        assertEquals(json(TOOLS_RESULT), saved.path("tools"));
        assertEquals(List.of(), toClient);
    }

    @Test
    void aWarmStartAnswersInitializeAndToolsListAndHoldsTheLibrarysSameAnswers() {
        learn(TOOLS_RESULT);
        EarlyResponder warm = responder();
        assertTrue(warm.ready());

        assertEquals(Optional.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + json(INIT_RESULT) + "}"),
                warm.request(initialize(1), false, false));
        assertEquals(Optional.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":" + json(TOOLS_RESULT) + "}"),
                warm.request(toolsList(2), false, false));
        assertFalse(warm.answer(result(1, INIT_RESULT)), "the library's own answer is held back: the client has it");
        // the same tools in another order are the same list
        assertFalse(warm.answer(result(2, "{\"tools\":[{\"name\":\"add_rows\"},{\"name\":\"count_rows\"}]}")));
        assertEquals(List.of(), toClient);
        assertEquals(0, exits.get());
    }

    @Test
    void aToolListThatChangedIsAnnouncedAndCorrectedForTheNextStart() {
        learn(TOOLS_RESULT);
        EarlyResponder warm = responder();
        warm.request(initialize(1), false, false).orElseThrow();
        warm.request(toolsList(2), false, false).orElseThrow();
        warm.answer(result(1, INIT_RESULT));

        String now = "{\"tools\":[{\"name\":\"count_rows\"}]}";
        assertFalse(warm.answer(result(2, now)));

        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"), toClient);
        Conditions.await(WAIT, "the file corrected", () -> {
            try {
                return json(Files.readString(file())).path("tools").equals(json(now));
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aWrongEarlyInitializeIsSaidOnStderrTheFileCorrectedAndTheProcessEnded() {
        learn(TOOLS_RESULT);
        EarlyResponder warm = responder();
        warm.request(initialize(1), false, false).orElseThrow();

        String now = INIT_RESULT.replace("\"version\":\"1\"", "\"version\":\"2\"");
        assertFalse(warm.answer(result(1, now)));

        Conditions.await(WAIT, "the process ended", () -> exits.get() == 1);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("the initialize answered early differs from this "
                + "server's; the client's session cannot be corrected, so the server exits"), stderr.toString());
        assertEquals(List.of(), toClient);
    }

    @Test
    void theLibrarysErrorToARequestAnsweredEarlyReachesTheClientAndTheAnswerIsForgotten() throws IOException {
        learn(TOOLS_RESULT);
        EarlyResponder warm = responder();
        warm.request(initialize(1), false, false).orElseThrow();
        warm.request(toolsList(2), false, false).orElseThrow();
        warm.answer(result(1, INIT_RESULT));

        assertTrue(warm.answer(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,\"message\":\"x\"}}")),
                "the error reaches the client");
        Conditions.await(WAIT, "the file removed, as it no longer holds both answers", () -> !Files.exists(file()));
        assertEquals(0, exits.get());
    }

    @Test
    void anInitializeTheLibraryWouldRefuseIsNeverAnsweredEarly() {
        learn(TOOLS_RESULT);
        for (String params : List.of("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":\"x\",\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":1,\"version\":\"1\"}}",
                "{\"protocolVersion\":7,\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}",
                "{\"capabilities\":{},\"clientInfo\":{\"name\":\"a\",\"version\":\"1\"}}",
                "[]")) {
            EarlyResponder warm = responder();
            assertEquals(Optional.empty(), warm.request(initialize(1, params), false, false), params);
            assertEquals(Optional.empty(), warm.request(toolsList(2), false, false), "nor a tool list after it");
        }
    }

    @Test
    void onlyTheFirstInitializeAndToolListsAfterAnEarlyOneAreAnsweredEarly() {
        learn(TOOLS_RESULT);
        EarlyResponder warm = responder();
        assertEquals(Optional.empty(), warm.request(toolsList(1), false, false), "tools/list before initialize");
        warm.request(initialize(2), false, false).orElseThrow();
        assertEquals(Optional.empty(), warm.request(initialize(3), false, false), "a second initialize");
        assertEquals(Optional.empty(), warm.request(json("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\","
                + "\"params\":{\"cursor\":\"abc\"}}"), false, false), "a page after the first");
        assertTrue(warm.request(toolsList(5), false, false).isPresent());
        assertEquals(Optional.empty(), warm.request(toolsList(6), true, false), "an id still in flight");

        EarlyResponder booted = responder();
        assertEquals(Optional.empty(), booted.request(initialize(1), false, true), "the library reads by now");
        assertEquals(Optional.empty(), booted.request(toolsList(2), false, true));
    }

    @Test
    void oneIdForTwoRequestsGetsEachAnswerOnceAndTheFileStaysRight() throws IOException {
        learn(TOOLS_RESULT);
        EarlyResponder warm = responder();
        warm.request(initialize(1), false, false).orElseThrow();
        warm.request(toolsList(1), false, false).orElseThrow();

        // the library may answer in either order; each answer is matched to its own request
        assertFalse(warm.answer(result(1, TOOLS_RESULT)));
        assertFalse(warm.answer(result(1, INIT_RESULT)));
        assertTrue(warm.answer(result(1, TOOLS_RESULT)), "a third answer with that id is not one of ours");

        assertEquals(json(TOOLS_RESULT), json(Files.readString(file())).path("tools"));
        assertEquals(json(INIT_RESULT), json(Files.readString(file())).path("initialize").path("2025-06-18"));
    }

    @Test
    void answersThatAreNotWellFormedAreNeverLearnt() {
        EarlyResponder first = responder();
        first.request(initialize(1), false, true);
        first.answer(result(1, "{\"serverInfo\":{}}"));
        first.request(toolsList(2), false, true);
        first.answer(result(2, "{\"tools\":\"none\"}"));
        assertFalse(responder().ready());
        assertFalse(Files.exists(file()));
    }

    @Test
    void theKeyChangesWithTheBuildAndWithEverySetting() {
        String base = EarlyAnswers.key("build-1", Map.of("CLAY_READ_ONLY", "false"));
        assertEquals(base, EarlyAnswers.key("build-1", Map.of("CLAY_READ_ONLY", "false")));
        assertFalse(base.equals(EarlyAnswers.key("build-2", Map.of("CLAY_READ_ONLY", "false"))));
        assertFalse(base.equals(EarlyAnswers.key("build-1", Map.of("CLAY_READ_ONLY", "true"))));
        assertFalse(base.equals(EarlyAnswers.key("build-1", Map.of("CLAY_READ_ONLY", "false", "clay_sandbox", "true"))));
    }
}

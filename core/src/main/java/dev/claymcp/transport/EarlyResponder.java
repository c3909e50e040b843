package dev.claymcp.transport;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers {@code initialize} and {@code tools/list} from {@link EarlyAnswers} while Quarkus still boots, and checks
 * those answers against the library's own once it has booted.
 * <ul>
 * <li>Only what the booted library would answer with success is answered early: the first {@code initialize} of the
 * process, with {@code params} holding a {@code protocolVersion} string, {@code capabilities} (absent or an object)
 * and a {@code clientInfo} object whose members are strings, for a protocol version answered before; then a
 * {@code tools/list} without a cursor. A request whose id is still in flight is never answered early.</li>
 * <li>Every request is still handed to the library. Its answer to a request answered early is held back when it is the
 * same; a different result corrects the file (written on its own thread, never while stdout is held) and, for the
 * tool list, tells the client {@code notifications/tools/list_changed}; an error reaches the client. An {@code
 * initialize} answered wrongly cannot be taken back: the server says so on stderr and exits, and the client's next
 * start gets the right answer.</li>
 * <li>Answers are told apart by id and method: a client that uses one id for two requests gets each answer once.</li>
 * </ul>
 */
final class EarlyResponder {

    private static final ObjectMapper JSON = JsonRpcCheck.JSON;

    /** A request whose answer the responder waits for: which method, for which protocol version, answered early. */
    private record Pending(String method, String protocolVersion, boolean early) {
        boolean matches(JsonNode answer) {
            JsonNode result = answer.get("result");
            if (result == null) {
                return true;
            }
            return method.equals("initialize") ? result.has("serverInfo") : result.has("tools");
        }
    }

    private final EarlyAnswers answers;
    private final Consumer<String> client;
    private final PrintStream stderr;
    /** Ends the process after a wrong early initialize; a test replaces it. */
    private final Runnable exit;
    /** Where saves run: a thread of their own in the server, so that none runs while stdout is held. */
    private final java.util.concurrent.Executor saves;
    private final Map<String, Deque<Pending>> pending = new HashMap<>();
    private boolean initializeSeen;
    private boolean initializedEarly;

    EarlyResponder(EarlyAnswers answers, Consumer<String> client, PrintStream stderr, Runnable exit,
            java.util.concurrent.Executor saves) {
        this.answers = answers;
        this.client = client;
        this.stderr = stderr;
        this.exit = exit;
        this.saves = saves;
    }

    /** Saves on a new thread each time (a start saves at most a few times). */
    static void onItsOwnThread(Runnable save) {
        new Thread(save, "clay-mcp-early-answers").start();
    }

    /** Whether there is anything to answer early with. */
    boolean ready() {
        return answers.tools().isPresent();
    }

    /**
     * Sees a request before the library does; returns the early answer to write now, if it is answered early.
     *
     * @param inFlightBefore whether a request with the same id was already waiting for its answer
     * @param libraryReading whether the library reads stdin itself by now
     */
    synchronized Optional<String> request(JsonNode request, boolean inFlightBefore, boolean libraryReading) {
        String method = request.path("method").asText("");
        boolean initialize = method.equals("initialize");
        boolean first = initialize && !initializeSeen;
        initializeSeen |= initialize;
        boolean toolsList = method.equals("tools/list") && !request.path("params").has("cursor");
        if (!(first || toolsList) || inFlightBefore) {
            return Optional.empty();
        }
        JsonNode params = request.path("params");
        if (first && !wellFormedInitialize(params)) {
            return Optional.empty(); // the library refuses it: nothing to answer, nothing to learn
        }
        String id = request.get("id").toString();
        String version = first ? params.path("protocolVersion").asText() : null;
        Optional<JsonNode> known;
        if (first) {
            known = libraryReading ? Optional.empty() : answers.initialize(version);
            initializedEarly = known.isPresent();
        } else {
            known = initializedEarly ? answers.tools() : Optional.empty();
        }
        pending.computeIfAbsent(id, k -> new ArrayDeque<>()).add(new Pending(method, version, known.isPresent()));
        return known.map(result -> {
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", request.get("id"));
            answer.set("result", result);
            return answer.toString();
        });
    }

    /** Whether an answer with this id (as JSON text) is one the responder waits for. */
    synchronized boolean waitsFor(String id) {
        return pending.containsKey(id);
    }

    /** Whether the library's answer goes to the client; learns from it. Runs while stdout is held: writes nothing. */
    synchronized boolean answer(JsonNode answer) {
        Deque<Pending> waiting = pending.get(answer.get("id").toString());
        if (waiting == null) {
            return true;
        }
        Pending asked = null;
        for (Iterator<Pending> i = waiting.iterator(); i.hasNext();) {
            Pending p = i.next();
            if (p.matches(answer)) {
                asked = p;
                i.remove();
                break;
            }
        }
        if (waiting.isEmpty()) {
            pending.remove(answer.get("id").toString());
        }
        if (asked == null) {
            return true;
        }
        JsonNode result = answer.get("result");
        boolean initialize = asked.method().equals("initialize");
        if (result == null) {
            if (asked.early()) {
                // the early answer was wrong: forget it, and let the client see the library's error
                if (initialize) {
                    answers.forgetInitialize(asked.protocolVersion());
                } else {
                    answers.forgetTools();
                }
                saveLater(initialize ? "the initialize answered early was refused by the server" : null);
            }
            return true;
        }
        boolean changed = initialize ? answers.learnInitialize(asked.protocolVersion(), result)
                : answers.learnTools(result);
        if (!changed) {
            return !asked.early();
        }
        if (asked.early() && initialize) {
            saveLater("the initialize answered early differs from this server's");
        } else {
            saveLater(null);
            if (asked.early()) {
                stderr.println("clay-mcp-server: the tool list given early differed from this server's; the client is "
                        + "told to list the tools again, and the next start answers with the new list");
                client.accept("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
            }
        }
        return !asked.early();
    }

    private static boolean wellFormedInitialize(JsonNode params) {
        if (!params.isObject() || !params.path("protocolVersion").isTextual()) {
            return false;
        }
        JsonNode capabilities = params.get("capabilities");
        if (capabilities != null && !capabilities.isNull() && !capabilities.isObject()) {
            return false;
        }
        JsonNode clientInfo = params.get("clientInfo");
        if (clientInfo == null || !clientInfo.isObject()) {
            return false;
        }
        for (Iterator<JsonNode> i = clientInfo.elements(); i.hasNext();) {
            if (!i.next().isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Saves what was learnt on a thread of its own, off the library's writing thread and the stdout lock; when the
     * client was given a wrong initialize, says why and ends the process once the file is right.
     */
    private void saveLater(String wrongInitialize) {
        saves.execute(() -> {
            answers.save();
            if (wrongInitialize != null) {
                stderr.println("clay-mcp-server: " + wrongInitialize + "; the client's session cannot be corrected, "
                        + "so the server exits: the next start answers right.");
                exit.run();
            }
        });
    }
}

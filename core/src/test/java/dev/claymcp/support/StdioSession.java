package dev.claymcp.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.json.JsonObject;

/**
 * A conversation with the packaged server over stdio, for tests that call tools one after another: initializes on
 * start, and answers each call with what a client would read.
 */
public final class StdioSession implements AutoCloseable {

    static final Duration ANSWER = Duration.ofSeconds(60);

    /** What a tools/call came back with. */
    public record Answer(boolean isError, String text, JsonObject structured) {
    }

    private final ServerProcess server;
    private final JsonObject initResult;
    private final AtomicInteger ids = new AtomicInteger(100);

    private StdioSession(ServerProcess server) {
        this.server = server;
        this.initResult = server.initialize().getJsonObject("result");
    }

    public static StdioSession start(Map<String, String> env) {
        return new StdioSession(ServerProcess.start(env));
    }

    /** A session with a server started some other way (a released archive, a JBang command line). */
    public static StdioSession of(ServerProcess server) {
        return new StdioSession(server);
    }

    /** The tools the server offers, by name. */
    public java.util.List<String> toolNames() {
        int id = ids.incrementAndGet();
        server.send(ServerProcess.request(id, "tools/list", null));
        return server.response(id, ANSWER).getJsonObject("result").getJsonArray("tools").stream()
                .map(t -> ((JsonObject) t).getString("name")).sorted().toList();
    }

    /** What the server answered to initialize. */
    public JsonObject initResult() {
        return initResult;
    }

    public ServerProcess server() {
        return server;
    }

    public synchronized Answer call(String tool, Map<String, Object> arguments) {
        int id = ids.incrementAndGet();
        server.send(ServerProcess.toolCall(id, tool, new JsonObject(arguments)));
        JsonObject result = server.response(id, ANSWER).getJsonObject("result");
        return new Answer(result.getBoolean("isError", false),
                result.getJsonArray("content").getJsonObject(0).getString("text"),
                result.getJsonObject("structuredContent"));
    }

    @Override
    public void close() {
        server.close();
    }
}

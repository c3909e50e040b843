package dev.claymcp.transport.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.StopHook;

/**
 * The long-lived event streams of the HTTP transport (legacy SSE and Streamable HTTP's GET streams).
 * <ul>
 * <li>A connection that carries nothing for {@code CLAY_MCP_IDLE_TIMEOUT} is closed, and a stream may well have no
 * event for that long: each open stream gets an SSE comment ({@code : keep-alive}) every third of that time, which
 * clients ignore, so that only dead connections are closed.</li>
 * <li>The HTTP server's graceful shutdown waits for every open request, and these never end by themselves, so once
 * the running calls have answered they are ended here; otherwise every stop would take the whole shutdown
 * timeout.</li>
 * </ul>
 */
@Singleton
public class OpenStreams implements StopHook {

    static final String KEEP_ALIVE = ": keep-alive\n\n";

    private final Set<HttpServerResponse> streams = ConcurrentHashMap.newKeySet();
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final AtomicBoolean ticking = new AtomicBoolean();

    public OpenStreams(Vertx vertx, ClayConfig config) {
        this.vertx = vertx;
        this.keepAliveMillis = Math.max(1000, config.mcp().idleTimeout().toMillis() / 3);
    }

    void opened(HttpServerResponse response) {
        streams.add(response);
        response.endHandler(v -> streams.remove(response));
        response.closeHandler(v -> streams.remove(response));
        if (ticking.compareAndSet(false, true)) {
            vertx.setPeriodic(keepAliveMillis, id -> keepAlive());
        }
    }

    /** Writes a comment to every stream that has begun (its headers sent by the library) and is still open. */
    void keepAlive() {
        for (HttpServerResponse response : streams) {
            try {
                if (response.headWritten() && !response.ended() && !response.closed()) {
                    response.write(KEEP_ALIVE);
                }
            } catch (IllegalStateException alreadyGone) {
                streams.remove(response);
            }
        }
    }

    public int count() {
        return streams.size();
    }

    /** Ends every open stream, once the running calls have answered; clients see it end and reconnect elsewhere. */
    @Override
    public void afterCalls() {
        for (HttpServerResponse response : streams) {
            streams.remove(response);
            try {
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            } catch (IllegalStateException alreadyGone) {
                // the client went away meanwhile
            }
        }
    }
}

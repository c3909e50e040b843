package dev.claymcp.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerResponse;

/**
 * The long-lived event streams of the HTTP transport (legacy SSE and Streamable HTTP's GET streams). The HTTP server's
 * graceful shutdown waits for every open request, and these never end by themselves, so once the running calls have
 * answered they are ended here; otherwise every stop would take the whole shutdown timeout.
 */
@Singleton
public class OpenStreams {

    private final Set<HttpServerResponse> streams = ConcurrentHashMap.newKeySet();

    void opened(HttpServerResponse response) {
        streams.add(response);
        response.endHandler(v -> streams.remove(response));
        response.closeHandler(v -> streams.remove(response));
    }

    public int count() {
        return streams.size();
    }

    /** Ends every open stream; clients see the stream end and reconnect elsewhere. */
    public void endAll() {
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

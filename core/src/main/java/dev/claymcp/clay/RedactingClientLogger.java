package dev.claymcp.clay;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientLogger;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * Replaces the REST client's request logger (turned on with {@code QUARKUS_REST_CLIENT_LOGGING_SCOPE}), which would
 * print the {@code Cookie} header, and so the Clay session, on every request. This one never prints a cookie or an
 * authorization header, whatever the masking settings say, and logs bodies by size only: request bodies are the
 * user's data and response bodies may echo anything.
 */
@Singleton
public class RedactingClientLogger implements ClientLogger {

    /** The category the REST client documents for its request logging, so the usual switch still works. */
    static final Logger LOG = Logger.getLogger("org.jboss.resteasy.reactive.client.logging");
    private static final Set<String> ALWAYS_MASKED = Set.of("cookie", "set-cookie", "authorization",
            "proxy-authorization");

    @Override
    public void setBodySize(int bodySize) {
        // bodies are never printed
    }

    @Override
    public void logRequest(HttpClientRequest request, Buffer body, boolean omitBody) {
        LOG.infof("Request: %s %s Headers[%s], Body: %d bytes", request.getMethod(), request.absoluteURI(),
                headers(request.headers()), body == null ? 0 : body.length());
    }

    @Override
    public void logResponse(HttpClientResponse response, boolean redirect) {
        LOG.infof("%s: %s %s, Status[%d %s], Headers[%s]", redirect ? "Redirect" : "Response",
                response.request().getMethod(), response.request().absoluteURI(), response.statusCode(),
                response.statusMessage(), headers(response.headers()));
    }

    static String headers(MultiMap headers) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> h : headers) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            boolean masked = ALWAYS_MASKED.contains(h.getKey().toLowerCase(Locale.ROOT));
            b.append(h.getKey()).append('=').append(masked ? "****" : h.getValue());
        }
        return b.toString();
    }
}

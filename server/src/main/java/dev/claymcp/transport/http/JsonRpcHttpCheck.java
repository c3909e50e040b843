package dev.claymcp.transport.http;

import java.io.IOException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Transport;
import dev.claymcp.transport.JsonRpcCheck;

/**
 * The HTTP twin of the line check of the stdio transport ({@code StdioGuard}): every JSON-RPC message posted to {@code /mcp} (Streamable
 * HTTP) or {@code /mcp/messages/…} (legacy SSE) passes {@link JsonRpcCheck} before the MCP library reads it, and a
 * body over {@code CLAY_MCP_MAX_MESSAGE_BYTES} is refused with 413. A body that is not JSON at all is left to the
 * library, which answers it with a parse error.
 */
@Singleton
public class JsonRpcHttpCheck {

    /**
     * After the filters, {@link HttpGuard} first (a request that is not allowed in learns nothing about JSON-RPC), and
     * before the library's routes.
     */
    static final int ORDER = -100;

    private final boolean http;
    private final long maxMessageBytes;

    public JsonRpcHttpCheck(ClayConfig config) {
        this.http = config.mcp().transport() == Transport.HTTP;
        this.maxMessageBytes = config.mcp().maxMessageBytes();
    }

    void register(@Observes Router router) {
        if (!http) {
            return;
        }
        router.postWithRegex("/mcp(/messages/[^/]+)?").order(ORDER)
                .handler(BodyHandler.create().setBodyLimit(maxMessageBytes))
                .handler(this::check);
    }

    void check(RoutingContext rc) {
        JsonNode message;
        try {
            byte[] bytes = rc.body().buffer() == null ? null : rc.body().buffer().getBytes();
            message = bytes == null ? null : JsonRpcCheck.parse(bytes, 0, bytes.length);
        } catch (JsonRpcCheck.DuplicateKey duplicate) {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(duplicate.answer.toString());
            return;
        } catch (IOException notJson) {
            message = null;
        }
        if (message == null) {
            rc.next();
            return;
        }
        JsonRpcCheck.Verdict verdict = JsonRpcCheck.check(message);
        if (verdict.answers().isEmpty() && verdict.forward() == message) {
            rc.next();
        } else if (verdict.answers().isEmpty() && verdict.forward() != null) {
            // a batch without the notifications the library would wrongly answer
            ((RoutingContextInternal) rc).setBody(Buffer.buffer(verdict.forward().toString()));
            rc.next();
        } else if (verdict.answers().isEmpty()) {
            rc.response().setStatusCode(202).end(); // notifications only, all dropped
        } else {
            JsonNode answer = verdict.answers().size() == 1 && !message.isArray() ? verdict.answers().get(0)
                    : JsonNodeFactory.instance.arrayNode().addAll(verdict.answers());
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(answer.toString());
        }
    }
}

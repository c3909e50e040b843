package dev.claymcp.transport.http;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.quarkiverse.mcp.server.McpLog;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The MCP library (1.10.1) begins every Streamable HTTP event stream (a GET of {@code /mcp} with a session) with a
 * log notification at level debug, "Subsidiary SSE opened [session id]", which no client asked for: MCP servers send
 * log messages at or above the level a client set with {@code logging/setLevel}, and until it sets one that level is
 * info. The library writes it together with the stream's headers, and has no switch for it. So, unless the session
 * asked for debug logs, a one-shot Netty handler takes the notification out of the stream's first write (the headers
 * go out as they were) and then leaves the connection's pipeline.
 * <p>
 * Only HTTP/1.x connections (what MCP clients use): over HTTP/2 the response is written as frames of a shared
 * connection, and the notification still goes out there.
 */
@Singleton
public class QuietStreamStart {

    /** Vert.x's own handler on an HTTP/1.x connection: what it writes passes the handlers before it. */
    static final String VERTX_HANDLER = "handler";
    static final String NAME = "clay-mcp-quiet-stream-start";
    /** How the library's notification reads in the stream (its logger name). */
    static final ByteBuf NOTICE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer("\"logger\":\"SubsidiarySse\"",
            StandardCharsets.UTF_8));

    private final ConnectionManager sessions;

    public QuietStreamStart(ConnectionManager sessions) {
        this.sessions = sessions;
    }

    /** For a GET of {@code /mcp} in this session, before the library's handler runs. */
    void beforeStream(HttpServerRequest request, String sessionId) {
        var session = sessions.get(sessionId);
        if (session != null && session.logLevel() == McpLog.LogLevel.DEBUG) {
            return; // it asked for debug logs: this is one
        }
        if (request.version() == HttpVersion.HTTP_2 || !(request.connection() instanceof ConnectionBase connection)) {
            return;
        }
        ChannelPipeline pipeline = connection.channel().pipeline();
        if (pipeline.get(VERTX_HANDLER) != null && pipeline.get(NAME) == null) {
            pipeline.addBefore(VERTX_HANDLER, NAME, new Drop());
        }
    }

    /** Takes the notice out of the first content written, whatever it is, and leaves the pipeline. */
    static final class Drop extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!(msg instanceof HttpContent content)) {
                ctx.write(msg, promise); // headers alone: the content is still to come
                return;
            }
            try {
                if (ByteBufUtil.indexOf(NOTICE, content.content()) < 0) {
                    ctx.write(msg, promise); // not the notice (the session was gone, say): as it was
                } else if (msg instanceof HttpResponse head) {
                    // the headers and the notice in one message: the headers alone
                    HttpResponse alone = new DefaultHttpResponse(head.protocolVersion(), head.status(),
                            head.headers());
                    content.release();
                    ctx.write(alone, promise);
                } else {
                    content.release();
                    promise.setSuccess();
                }
            } finally {
                ctx.pipeline().remove(this);
            }
        }
    }
}

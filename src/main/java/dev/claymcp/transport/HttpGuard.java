package dev.claymcp.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Loopback;
import dev.claymcp.config.OriginRule;
import dev.claymcp.config.StartupRefusal;
import dev.claymcp.policy.ServerLifecycle;

/**
 * Guards the HTTP transport before any MCP handling (and before CORS):
 * <ul>
 * <li>Request hygiene: a request with two {@code Host} or two {@code Origin} headers gets 400 (which one a check and
 * a handler read would otherwise be a matter of luck).</li>
 * <li>DNS-rebinding protection: a request whose {@code Origin} is present and not allowed by the {@link OriginRule}
 * gets 403; while bound to loopback, so does one addressed to a host that is not a loopback name, whether named by
 * {@code Host}, {@code :authority} or an absolute-form request target.</li>
 * <li>Authentication: with {@code CLAY_MCP_AUTH_TOKENS} set, a {@code /mcp} request with one of them (compared in
 * constant time) passes; with an OAuth issuer set, one with an access token the {@link OAuthGate} accepts passes.
 * Otherwise 401 with a {@code WWW-Authenticate: Bearer} challenge (pointing to the OAuth metadata when OAuth is on),
 * or 403 for a valid token without a required scope. Health and the OAuth metadata stay readable without a
 * token.</li>
 * <li>Sessions: a request that would open a session beyond {@code CLAY_MCP_MAX_SESSIONS}, or while the server is
 * shutting down, gets 503.</li>
 * <li>Exposure: bound to a non-loopback address with neither tokens nor OAuth, the server refuses to start.</li>
 * </ul>
 */
@Singleton
public class HttpGuard {

    /** Runs before Quarkus' CORS filter (300) and authentication (200). */
    static final int PRIORITY = 400;
    static final String MCP_PATH = "/mcp";
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final boolean http;
    private final boolean loopbackBound;
    private final String host;
    private final List<byte[]> tokenDigests = new ArrayList<>();
    private final OriginRule origins;
    private final int maxSessions;
    private final ConnectionManager sessions;
    private final OpenStreams streams;
    private final ServerLifecycle lifecycle;

    private final MeterRegistry meters;
    private final OAuthGate oauth;

    public HttpGuard(ClayConfig config, @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host,
            ConnectionManager sessions, OpenStreams streams, ServerLifecycle lifecycle, MeterRegistry meters,
            OAuthGate oauth) {
        this.meters = meters;
        this.oauth = oauth;
        this.http = config.mcp().transport().trim().equalsIgnoreCase("http");
        this.host = host;
        this.loopbackBound = Loopback.isLoopbackName(host);
        config.mcp().authTokens().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .forEach(t -> tokenDigests.add(sha256(t)));
        this.origins = new OriginRule(config.mcp().allowedOrigins().orElse(List.of()), loopbackBound);
        this.maxSessions = config.mcp().maxSessions();
        this.sessions = sessions;
        this.streams = streams;
        this.lifecycle = lifecycle;
    }

    void register(@Observes Filters filters) {
        if (!http) {
            return;
        }
        if (!loopbackBound && tokenDigests.isEmpty() && !oauth.enabled()) {
            throw new StartupRefusal("refusing to serve MCP over HTTP on " + host + " without authentication: anyone "
                    + "who can reach this address could spend the Clay account's credits and delete its data. Set "
                    + "CLAY_MCP_OAUTH_ISSUER and CLAY_MCP_OAUTH_AUDIENCE (OAuth), or CLAY_MCP_AUTH_TOKENS to one or "
                    + "more secret tokens, or listen on 127.0.0.1 (QUARKUS_HTTP_HOST).");
        }
        filters.register(this::guard, PRIORITY);
        Gauge.builder("clay.mcp.sessions.open", this, HttpGuard::openSessions)
                .description("MCP sessions open on this replica").register(meters);
    }

    void guard(RoutingContext rc) {
        var request = rc.request();
        if (request.headers().getAll(HttpHeaders.HOST).size() > 1
                || request.headers().getAll(HttpHeaders.ORIGIN).size() > 1) {
            deny(rc, 400, "Bad Request: a request must carry at most one Host and one Origin header.");
            return;
        }
        if (loopbackBound && !addressedToLoopback(rc)) {
            deny(rc, 403, "Forbidden: this server only answers requests addressed to localhost.");
            return;
        }
        String path = rc.normalizedPath();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origins.allows(origin) && !OAuthGate.isMetadataPath(path)) {
            // the OAuth metadata is public, and browser-based clients read it from their own origin
            deny(rc, 403, "Forbidden: origin not allowed. Add it to CLAY_MCP_ALLOWED_ORIGINS to allow it.");
            return;
        }
        boolean mcp = path.equals(MCP_PATH) || path.startsWith(MCP_PATH + "/");
        if (!mcp || request.method() == HttpMethod.OPTIONS || tokenDigests.isEmpty() && !oauth.enabled()) {
            admit(rc, path);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!tokenDigests.isEmpty() && tokenAccepted(authorization)) {
            admit(rc, path);
            return;
        }
        if (!oauth.enabled()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"clay-mcp-server\"");
            deny(rc, 401, "Unauthorized: send Authorization: Bearer <token> with a token from CLAY_MCP_AUTH_TOKENS.");
            return;
        }
        String token = bearer(authorization);
        if (token == null) {
            rc.response().putHeader("WWW-Authenticate", oauth.challenge());
            deny(rc, 401, "Unauthorized: this server needs an OAuth access token (Authorization: Bearer <token>); "
                    + "its protected resource metadata says where to get one.");
            return;
        }
        Context context = Vertx.currentContext();
        oauth.verify(token).subscribe().with(verdict -> context.runOnContext(ignored -> {
            switch (verdict) {
                case ACCEPTED -> admit(rc, path);
                case INSUFFICIENT_SCOPE -> {
                    rc.response().putHeader("WWW-Authenticate", oauth.insufficientScopeChallenge());
                    deny(rc, 403, "Forbidden: the access token lacks a scope this server requires ("
                            + oauth.requiredScopes() + ").");
                }
                default -> {
                    rc.response().putHeader("WWW-Authenticate", oauth.invalidTokenChallenge());
                    deny(rc, 401, "Unauthorized: the access token is not valid for this server (expired, from "
                            + "another issuer or for another audience, or not signed by the issuer).");
                }
            }
        }));
    }

    /** What an authenticated (or unguarded) request meets next: the session limits, then the MCP handlers. */
    private void admit(RoutingContext rc, String path) {
        var request = rc.request();
        if (opensSession(rc, path) && lifecycle.isStopping()) {
            rc.response().putHeader("Retry-After", "5");
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
                            .put("code", -32000).put("message", "This server is shutting down and takes no new "
                                    + "sessions; connect again to reach another one.")).encode());
            return;
        }
        if (opensSession(rc, path) && openSessions() >= maxSessions) {
            rc.response().putHeader("Retry-After", "60");
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
                            .put("code", -32000).put("message", "This server has " + maxSessions + " open sessions, "
                                    + "its limit (CLAY_MCP_MAX_SESSIONS); try again later, or end unused sessions "
                                    + "with DELETE /mcp.")).encode());
            return;
        }
        if (request.method() == HttpMethod.GET && (path.equals(MCP_PATH) || path.equals(MCP_PATH + "/sse"))) {
            streams.opened(rc.response());
        }
        rc.next();
    }

    /**
     * Host, {@code :authority} and an absolute-form target must all name a loopback host: an absolute-form target
     * overrides Host (RFC 9112), so it is checked too.
     */
    private static boolean addressedToLoopback(RoutingContext rc) {
        var authority = rc.request().authority();
        if (authority == null || !Loopback.isLoopbackName(authority.host())) {
            return false;
        }
        String target = rc.request().uri();
        if (target != null && !target.startsWith("/") && !target.equals("*")) {
            try {
                String targetHost = URI.create(target).getHost();
                return targetHost != null && Loopback.isLoopbackName(targetHost);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** A Streamable HTTP post without a session, or a new SSE stream: each makes a session. */
    private static boolean opensSession(RoutingContext rc, String path) {
        return rc.request().method() == HttpMethod.POST && path.equals(MCP_PATH)
                && rc.request().getHeader(SESSION_HEADER) == null
                || rc.request().method() == HttpMethod.GET && path.equals(MCP_PATH + "/sse");
    }

    private int openSessions() {
        int n = 0;
        for (var it = sessions.iterator(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private static void deny(RoutingContext rc, int status, String message) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    boolean tokenAccepted(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = sha256(authorization.substring(7).strip());
        boolean match = false;
        for (byte[] token : tokenDigests) {
            // digests have equal length, and every token is compared, so timing says nothing about the tokens
            match |= MessageDigest.isEqual(token, offered);
        }
        return match;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

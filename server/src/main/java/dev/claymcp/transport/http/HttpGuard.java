package dev.claymcp.transport.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.claymcp.config.Loopback;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Transport;
import dev.claymcp.policy.ServerLifecycle;

/**
 * Guards the HTTP transport before any MCP handling (and before CORS):
 * <ul>
 * <li>Request hygiene: a request with two {@code Host}, {@code Origin} or {@code Authorization} headers gets 400
 * (which one a check and a handler read would otherwise be a matter of luck). A request body must arrive within
 * {@code CLAY_MCP_BODY_TIMEOUT} of its headers, or the request gets 408 and its connection is closed.</li>
 * <li>DNS-rebinding protection: a request whose {@code Origin} is present and not allowed by the {@link OriginRule}
 * gets 403; while bound to loopback, so does one addressed to a host that is not a loopback name, whether named by
 * {@code Host}, {@code :authority} or an absolute-form request target.</li>
 * <li>Preflights: a CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from
 * an allowed origin needs no token, and is answered by CORS; it never reaches the MCP routes.</li>
 * <li>Authentication: with {@code CLAY_MCP_AUTH_TOKENS} set, a {@code /mcp} request with one of them (compared in
 * constant time) passes; with an OAuth issuer set, one with an access token the {@link OAuthGate} accepts passes.
 * Otherwise 401 with a {@code WWW-Authenticate: Bearer} challenge (pointing to the OAuth metadata when OAuth is on),
 * 403 for a valid token without a required scope, or 503 when the issuer's keys cannot be had in time. Health and the
 * OAuth metadata stay readable without a token.</li>
 * <li>Methods: each MCP route gets only the methods it serves ({@code /mcp}: GET, POST, DELETE; {@code /mcp/sse}: GET;
 * {@code /mcp/messages/…}: POST); any other gets 405 (an {@code OPTIONS} that is not a preflight: 204), after
 * authentication. The library's SSE route would open a session for any method but POST.</li>
 * <li>Sessions: a session belongs to the caller who opened it ({@link SessionOwners}); anyone else gets 404, as for a
 * session that does not exist. A request that would open a session beyond {@code CLAY_MCP_MAX_SESSIONS}, or while
 * the server is shutting down, gets 503.</li>
 * <li>Event streams: the library's unrequested debug notification at the start of each is left out
 * ({@link QuietStreamStart}).</li>
 * </ul>
 * Bound to a non-loopback address with neither tokens nor OAuth, the server does not start ({@code StartupChecks}).
 */
@Singleton
public class HttpGuard {

    /** Runs before Quarkus' CORS filter (300) and authentication (200). */
    static final int PRIORITY = 400;
    static final String MCP_PATH = "/mcp";
    static final String SSE_PATH = MCP_PATH + "/sse";
    static final String MESSAGES_PATH = MCP_PATH + "/messages/";
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final boolean http;
    private final boolean loopbackBound;
    private final List<byte[]> tokenDigests = new ArrayList<>();
    private final OriginRule origins;
    private final int maxSessions;
    private final long bodyTimeoutMillis;
    private final SessionOwners owners;
    private final OpenStreams streams;
    private final ServerLifecycle lifecycle;
    private final MeterRegistry meters;
    private final OAuthGate oauth;
    private final QuietStreamStart quietStart;
    /** One SSE session opens at a time, so that the session a GET /mcp/sse opened can be told from the others. */
    private final Object sseOpening = new Object();

    public HttpGuard(ClayConfig config, @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host,
            SessionOwners owners, OpenStreams streams, ServerLifecycle lifecycle, MeterRegistry meters,
            OAuthGate oauth, QuietStreamStart quietStart) {
        this.meters = meters;
        this.quietStart = quietStart;
        this.oauth = oauth;
        this.http = config.mcp().transport() == Transport.HTTP;
        this.loopbackBound = Loopback.isLoopbackName(host);
        config.mcp().authTokens().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .forEach(t -> tokenDigests.add(sha256(t)));
        this.origins = new OriginRule(config.mcp().allowedOrigins().orElse(List.of()), loopbackBound);
        this.maxSessions = config.mcp().maxSessions();
        this.bodyTimeoutMillis = Math.max(1, config.mcp().bodyTimeout().toMillis());
        this.owners = owners;
        this.streams = streams;
        this.lifecycle = lifecycle;
    }

    void register(@Observes Filters filters) {
        if (!http) {
            return;
        }
        filters.register(this::guard, PRIORITY);
        Gauge.builder("clay.mcp.sessions.open", owners, SessionOwners::open)
                .description("MCP sessions open on this replica").register(meters);
    }

    void guard(RoutingContext rc) {
        var request = rc.request();
        if (request.headers().getAll(HttpHeaders.HOST).size() > 1
                || request.headers().getAll(HttpHeaders.ORIGIN).size() > 1
                || request.headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
            deny(rc, 400, "Bad Request: a request must carry at most one Host, one Origin and one Authorization "
                    + "header.");
            return;
        }
        limitBodyTime(rc);
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
        if (!mcp) {
            rc.next();
            return;
        }
        if (isPreflight(rc)) {
            // CORS, next in line, answers it and ends it; a preflight never reaches the MCP routes
            rc.next();
            return;
        }
        if (tokenDigests.isEmpty() && !oauth.enabled()) {
            admit(rc, path, SessionOwners.ANONYMOUS);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        int token = tokenDigests.isEmpty() ? -1 : tokenIndex(authorization);
        if (token >= 0) {
            admit(rc, path, "token#" + (token + 1));
            return;
        }
        if (!oauth.enabled()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"clay-mcp-server\"");
            deny(rc, 401, "Unauthorized: send Authorization: Bearer <token> with a token from CLAY_MCP_AUTH_TOKENS.");
            return;
        }
        String bearer = bearer(authorization);
        if (bearer == null) {
            rc.response().putHeader("WWW-Authenticate", oauth.challenge());
            deny(rc, 401, "Unauthorized: this server needs an OAuth access token (Authorization: Bearer <token>); "
                    + "its protected resource metadata says where to get one.");
            return;
        }
        Context context = Vertx.currentContext();
        oauth.verify(bearer).subscribe().with(verification -> context.runOnContext(ignored -> {
            if (rc.response().ended() || rc.response().closed()) {
                return; // the client went away, or the request timed out, meanwhile
            }
            switch (verification.verdict()) {
                case ACCEPTED -> admit(rc, path, verification.caller());
                case INSUFFICIENT_SCOPE -> {
                    rc.response().putHeader("WWW-Authenticate", oauth.insufficientScopeChallenge());
                    deny(rc, 403, "Forbidden: the access token lacks a scope this server requires ("
                            + oauth.requiredScopes() + ").");
                }
                case UNAVAILABLE -> {
                    rc.response().putHeader("Retry-After", "5");
                    deny(rc, 503, "Service Unavailable: the access token could not be checked, because the "
                            + "authorization server's keys could not be had in time. Try again shortly.");
                }
                default -> {
                    rc.response().putHeader("WWW-Authenticate", oauth.invalidTokenChallenge());
                    deny(rc, 401, "Unauthorized: the access token is not valid for this server (expired, from "
                            + "another issuer or for another audience, issued for too long, or not signed by the "
                            + "issuer).");
                }
            }
        }));
    }

    /** What an authenticated (or unguarded) request meets next: methods, session ownership and limits, the routes. */
    private void admit(RoutingContext rc, String path, String caller) {
        var request = rc.request();
        HttpMethod method = request.method();
        Set<HttpMethod> served = methodsServed(path);
        if (!served.contains(method)) {
            rc.response().putHeader(HttpHeaders.ALLOW, String.join(", ", served.stream().map(HttpMethod::name)
                    .sorted().toList()));
            if (method == HttpMethod.OPTIONS) {
                rc.response().setStatusCode(204).end();
            } else {
                deny(rc, 405, "Method Not Allowed: " + path + " serves " + rc.response().headers().get(HttpHeaders.ALLOW)
                        + ".");
            }
            return;
        }
        String session = sessionOf(rc, path);
        if (session != null && !owners.mayUse(session, caller)) {
            // another caller's session is, to this one, a session that does not exist
            deny(rc, 404, "Not Found: no such session.");
            return;
        }
        boolean opens = session == null && (method == HttpMethod.POST && path.equals(MCP_PATH)
                || method == HttpMethod.GET && path.equals(SSE_PATH));
        if (opens && lifecycle.isStopping()) {
            rc.response().putHeader("Retry-After", "5");
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
                            .put("code", -32000).put("message", "This server is shutting down and takes no new "
                                    + "sessions; connect again to reach another one.")).encode());
            return;
        }
        if (opens && owners.open() >= maxSessions) {
            rc.response().putHeader("Retry-After", "60");
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
                            .put("code", -32000).put("message", "This server has " + maxSessions + " open sessions, "
                                    + "its limit (CLAY_MCP_MAX_SESSIONS); try again later, or end unused sessions "
                                    + "with DELETE /mcp.")).encode());
            return;
        }
        if (method == HttpMethod.GET) {
            streams.opened(rc.response());
            if (session != null) {
                quietStart.beforeStream(request, session);
            }
        }
        if (opens && method == HttpMethod.POST) {
            // the library names the new session in the answer's header
            rc.addHeadersEndHandler(v -> {
                String id = rc.response().headers().get(SESSION_HEADER);
                if (id != null) {
                    owners.bind(id, caller);
                }
            });
        } else if (opens) {
            // the library opens an SSE session, and names it in the stream's first event, while this runs
            synchronized (sseOpening) {
                Set<String> before = owners.openSseIds();
                rc.next();
                Set<String> opened = new HashSet<>(owners.openSseIds());
                opened.removeAll(before);
                opened.forEach(id -> owners.bind(id, caller));
            }
            return;
        }
        rc.next();
    }

    /** The session a request is for: its Mcp-Session-Id header on /mcp, or the id in a legacy SSE message path. */
    private static String sessionOf(RoutingContext rc, String path) {
        if (path.startsWith(MESSAGES_PATH)) {
            return path.substring(MESSAGES_PATH.length());
        }
        return path.equals(MCP_PATH) ? rc.request().getHeader(SESSION_HEADER) : null;
    }

    /** The methods an MCP route serves. */
    static Set<HttpMethod> methodsServed(String path) {
        if (path.equals(MCP_PATH)) {
            return Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE);
        }
        if (path.equals(SSE_PATH)) {
            return Set.of(HttpMethod.GET);
        }
        if (path.startsWith(MESSAGES_PATH)) {
            return Set.of(HttpMethod.POST);
        }
        return Set.of(HttpMethod.GET, HttpMethod.POST); // no such route: the router answers 404
    }

    /** A CORS preflight: OPTIONS naming both the page's origin and the method it wants to use. */
    static boolean isPreflight(RoutingContext rc) {
        return rc.request().method() == HttpMethod.OPTIONS && rc.request().getHeader(HttpHeaders.ORIGIN) != null
                && rc.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    /**
     * A body that has not fully arrived {@code CLAY_MCP_BODY_TIMEOUT} after the headers gets 408 and its connection
     * is closed: a client trickling a body cannot hold a connection (or a file descriptor) for long.
     */
    private void limitBodyTime(RoutingContext rc) {
        var request = rc.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || length != null && !length.strip().equals("0");
        if (!hasBody || request.isEnded()) {
            return; // nothing to wait for (and a request whose body nobody reads never counts as ended)
        }
        Vertx vertx = rc.vertx();
        long timer = vertx.setTimer(bodyTimeoutMillis, id -> {
            if (request.isEnded()) {
                return;
            }
            var response = rc.response();
            if (!response.headWritten() && !response.ended()) {
                response.setStatusCode(408).putHeader(HttpHeaders.CONNECTION, "close")
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("error", "Request Timeout: the request body did not arrive within "
                                + bodyTimeoutMillis / 1000 + " s (CLAY_MCP_BODY_TIMEOUT).").encode());
            }
            request.connection().close();
        });
        rc.addEndHandler(v -> vertx.cancelTimer(timer));
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

    /** Which of the configured tokens the header carries (0-based), or -1. */
    int tokenIndex(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            return -1;
        }
        byte[] offered = sha256(token);
        int match = -1;
        for (int i = 0; i < tokenDigests.size(); i++) {
            // digests have equal length, and every token is compared, so timing says nothing about the tokens
            if (MessageDigest.isEqual(tokenDigests.get(i), offered)) {
                match = i;
            }
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

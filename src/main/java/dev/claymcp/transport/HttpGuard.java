package dev.claymcp.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Loopback;

/**
 * Guards the HTTP transport before any MCP handling (and before CORS):
 * <ul>
 * <li>DNS-rebinding protection: a request whose {@code Origin} is present and not allowed gets 403; while bound to
 * loopback, so does one whose {@code Host} is not a loopback name (a rebinding page sends its own name as both, which
 * CORS would treat as same-origin).</li>
 * <li>Bearer tokens: with {@code CLAY_MCP_AUTH_TOKENS} set, every {@code /mcp} request needs one (compared in constant
 * time); otherwise 401 with {@code WWW-Authenticate: Bearer}. Health stays readable without a token.</li>
 * <li>Exposure: bound to a non-loopback address with no token configured, the server refuses to start.</li>
 * </ul>
 */
@Singleton
public class HttpGuard {

    /** Runs before Quarkus' CORS filter (300) and authentication (200). */
    static final int PRIORITY = 400;
    static final String MCP_PATH = "/mcp";

    private final boolean http;
    private final boolean loopbackBound;
    private final String host;
    private final List<byte[]> tokenDigests = new ArrayList<>();
    private final List<String> allowedOrigins = new ArrayList<>();

    public HttpGuard(ClayConfig config, @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host) {
        this.http = config.mcp().transport().trim().equalsIgnoreCase("http");
        this.host = host;
        this.loopbackBound = Loopback.isLoopbackName(host);
        config.mcp().authTokens().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .forEach(t -> tokenDigests.add(sha256(t)));
        config.mcp().allowedOrigins().orElse(List.of()).stream().map(HttpGuard::normaliseOrigin)
                .flatMap(Optional::stream).forEach(allowedOrigins::add);
    }

    void register(@Observes Filters filters) {
        if (!http) {
            return;
        }
        if (!loopbackBound && tokenDigests.isEmpty()) {
            throw new IllegalStateException("Refusing to serve MCP over HTTP on " + host + " without a token: anyone "
                    + "who can reach this address could spend the Clay account's credits and delete its data. Set "
                    + "CLAY_MCP_AUTH_TOKENS to one or more secret tokens, or listen on 127.0.0.1 (QUARKUS_HTTP_HOST).");
        }
        filters.register(this::guard, PRIORITY);
    }

    void guard(RoutingContext rc) {
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        // authority() covers HTTP/1 Host and HTTP/2 :authority alike
        var authority = rc.request().authority();
        if (loopbackBound && (authority == null || !Loopback.isLoopbackName(authority.host()))) {
            deny(rc, 403, "Forbidden: this server only answers requests addressed to localhost.");
            return;
        }
        if (origin != null && !originAllowed(origin)) {
            deny(rc, 403, "Forbidden: origin not allowed. Add it to CLAY_MCP_ALLOWED_ORIGINS to allow it.");
            return;
        }
        String path = rc.normalizedPath();
        boolean mcp = path.equals(MCP_PATH) || path.startsWith(MCP_PATH + "/");
        if (mcp && !tokenDigests.isEmpty() && !"OPTIONS".equals(rc.request().method().name())
                && !tokenAccepted(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"clay-mcp-server\"");
            deny(rc, 401, "Unauthorized: send Authorization: Bearer <token> with a token from CLAY_MCP_AUTH_TOKENS.");
            return;
        }
        rc.next();
    }

    private static void deny(RoutingContext rc, int status, String message) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":\"" + message.replace("\"", "'") + "\"}");
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

    boolean originAllowed(String origin) {
        Optional<String> normalised = normaliseOrigin(origin);
        if (normalised.isEmpty()) {
            return false;
        }
        if (allowedOrigins.contains(normalised.get())) {
            return true;
        }
        if (!loopbackBound) {
            return false;
        }
        URI uri = URI.create(normalised.get());
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && Loopback.isLoopbackName(uri.getHost());
    }

    /** {@code scheme://host[:port]} in lower case, or empty for anything else (including "null"). */
    static Optional<String> normaliseOrigin(String origin) {
        try {
            URI uri = URI.create(origin.strip().toLowerCase(Locale.ROOT));
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty()
                    && !uri.getPath().equals("/"))) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

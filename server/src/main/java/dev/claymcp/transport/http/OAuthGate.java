package dev.claymcp.transport.http;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.json.JsonString;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import dev.claymcp.config.OAuthAudience;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.Transport;

/**
 * OAuth 2.1 for the HTTP endpoint, as the MCP authorization spec (2025-11-25) has a resource server do it. With
 * {@code CLAY_MCP_OAUTH_ISSUER} set, {@link HttpGuard} accepts on {@code /mcp} the access tokens this gate accepts:
 * JWTs that quarkus-oidc verifies (signed with a key of the issuer's JWKS, found through its discovery document; not
 * expired; issued by that issuer; for this server's audience), carrying every scope of {@code CLAY_MCP_OAUTH_SCOPES}.
 * The gate also serves the protected resource metadata (RFC 9728) that tells a client where to get such a token, and
 * writes the {@code WWW-Authenticate} challenges that point to it. Tokens are never logged and never leave the
 * server: calls to Clay carry the Clay session cookie and nothing else.
 */
@Singleton
public class OAuthGate {

    /** Where RFC 9728 puts the metadata; clients also try it suffixed with the resource's path. */
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    /** What a verification concluded. */
    enum Verdict {
        ACCEPTED, INVALID, INSUFFICIENT_SCOPE,
        /** The token could not be checked in time: the issuer's keys were out of reach. */
        UNAVAILABLE
    }

    /** A verdict, and for an accepted token whom it names ({@code sub:<subject>}), for audit lines and sessions. */
    record Verification(Verdict verdict, String caller) {
        static Verification of(Verdict verdict) {
            return new Verification(verdict, null);
        }
    }

    /**
     * The longest a verification may take, the issuer's discovery and keys included: an issuer that accepts
     * connections and never answers must not hold requests (each would otherwise wait as long as its client does).
     */
    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(5);

    private final boolean enabled;
    private final String issuer;
    private final String resource;
    private final List<String> scopes;
    private final String metadataUrl;
    private final Instance<TenantIdentityProvider> tokens;
    private final Duration maxTokenAge;

    public OAuthGate(ClayConfig config, Instance<TenantIdentityProvider> tokens) {
        var oauth = config.mcp().oauth();
        boolean http = config.mcp().transport() == Transport.HTTP;
        this.issuer = oauth.issuer().map(String::strip).orElse("");
        this.enabled = http && !issuer.isEmpty();
        this.resource = oauth.audience().map(String::strip).orElse("");
        this.scopes = oauth.scopes().orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.tokens = tokens;
        this.maxTokenAge = oauth.maxTokenAge();
        this.metadataUrl = enabled ? OAuthAudience.base(resource) + WELL_KNOWN : "";
    }

    boolean enabled() {
        return enabled;
    }

    /** Verifies a bearer token; answers on whatever thread the verification ends on, within {@link #VERIFY_TIMEOUT}. */
    Uni<Verification> verify(String token) {
        return tokens.get().authenticate(new AccessTokenCredential(token))
                .map(this::judge)
                .onFailure().recoverWithItem(Verification.of(Verdict.INVALID))
                .ifNoItem().after(VERIFY_TIMEOUT).recoverWithItem(Verification.of(Verdict.UNAVAILABLE));
    }

    private Verification judge(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || tooLongLived(jwt)) {
            return Verification.of(Verdict.INVALID);
        }
        if (!grantedScopes(jwt).containsAll(scopes)) {
            return Verification.of(Verdict.INSUFFICIENT_SCOPE);
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            Object client = jwt.getClaim("azp") != null ? jwt.getClaim("azp") : jwt.getClaim("client_id");
            subject = client == null ? "unknown" : "client " + plain(client);
        }
        return new Verification(Verdict.ACCEPTED, "sub:" + subject);
    }

    /**
     * Whether the token was issued for longer than {@code CLAY_MCP_OAUTH_MAX_TOKEN_AGE}: from its issue time (or now,
     * without one) to its expiry. A token that lives for years is as good as a password nobody can rotate.
     */
    boolean tooLongLived(JsonWebToken jwt) {
        long expires = jwt.getExpirationTime();
        long issued = jwt.getIssuedAtTime() > 0 ? jwt.getIssuedAtTime() : Instant.now().getEpochSecond();
        return expires <= 0 || expires - issued > maxTokenAge.toSeconds();
    }

    /**
     * The scopes a token grants: its {@code scope} claim (space-separated) and {@code scp} (a list or a string). A
     * value is taken as it is written: a scope written with quotes in it is another scope.
     */
    static Set<String> grantedScopes(JsonWebToken jwt) {
        Set<String> granted = new LinkedHashSet<>();
        for (String claim : List.of("scope", "scp")) {
            Object value = jwt.getClaim(claim);
            if (value instanceof Collection<?> values) {
                values.forEach(v -> granted.add(plain(v)));
            } else if (value != null) {
                for (String s : plain(value).split("\\s+")) {
                    if (!s.isEmpty()) {
                        granted.add(s);
                    }
                }
            }
        }
        return granted;
    }

    /** The text of a claim value: a JSON string's own characters (its toString() would add quotes). */
    private static String plain(Object value) {
        return value instanceof JsonString json ? json.getString() : String.valueOf(value);
    }

    /** For a request without a token: where to learn how to get one, and which scopes to ask for. */
    String challenge() {
        return "Bearer resource_metadata=\"" + metadataUrl + "\"" + scopeParameter();
    }

    /** For a token that failed verification (RFC 6750); what failed is not said. */
    String invalidTokenChallenge() {
        return "Bearer error=\"invalid_token\", error_description=\"The access token is not valid for this server\", "
                + "resource_metadata=\"" + metadataUrl + "\"" + scopeParameter();
    }

    /** For a valid token that lacks a required scope. */
    String insufficientScopeChallenge() {
        return "Bearer error=\"insufficient_scope\", resource_metadata=\"" + metadataUrl + "\"" + scopeParameter();
    }

    private String scopeParameter() {
        return scopes.isEmpty() ? "" : ", scope=\"" + String.join(" ", scopes) + "\"";
    }

    String requiredScopes() {
        return String.join(" ", scopes);
    }

    /** The protected resource metadata document (RFC 9728). */
    JsonObject metadata() {
        JsonObject metadata = new JsonObject().put("resource", resource)
                .put("authorization_servers", new JsonArray().add(issuer))
                .put("bearer_methods_supported", new JsonArray().add("header"))
                .put("resource_name", "Clay tables (clay-mcp-server)")
                .put("resource_documentation", "https://github.com/claymcp/clay-mcp-server#hosting");
        if (!scopes.isEmpty()) {
            metadata.put("scopes_supported", new JsonArray(new ArrayList<>(scopes)));
        }
        return metadata;
    }

    /** The metadata paths: the root form, and suffixed with /mcp and with the public URL's path. */
    static boolean isMetadataPath(String path) {
        return path.equals(WELL_KNOWN) || path.startsWith(WELL_KNOWN + "/");
    }

    void routes(@Observes Router router) {
        if (!enabled) {
            return;
        }
        Set<String> paths = new LinkedHashSet<>(List.of(WELL_KNOWN, WELL_KNOWN + HttpGuard.MCP_PATH));
        String resourcePath = URI.create(resource).getRawPath();
        if (resourcePath != null && !resourcePath.isEmpty() && !resourcePath.equals("/")) {
            paths.add(WELL_KNOWN + resourcePath);
        }
        String document = metadata().encode();
        for (String path : paths) {
            router.get(path).handler(rc -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=3600").end(document));
        }
    }
}

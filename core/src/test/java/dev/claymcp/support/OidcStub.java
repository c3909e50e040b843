package dev.claymcp.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An OpenID provider standing in for Keycloak, Auth0 and the like: WireMock serving a discovery document and a JWKS
 * with one RSA key, and the test signing its own access tokens with that key (or another one, or none). It sets
 * {@code clay.mcp.oauth.issuer}, {@code .audience} and {@code .scopes} as a user would.
 */
public class OidcStub implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "/realms/clay";
    public static final String AUDIENCE = "https://clay-mcp.example.com/mcp";
    public static final String SCOPE = "clay:tools";
    static final String KID = "key-1";
    public static final KeyPair KEY = rsa();
    /** Same key id, another key: what a forger would sign with. */
    static final KeyPair OTHER_KEY = rsa();

    /** Keys a rotation brings in: key-2 and key-3. */
    public static final KeyPair KEY_2 = rsa();
    public static final KeyPair KEY_3 = rsa();
    static final String CERTS = REALM + "/protocol/openid-connect/certs";

    private static volatile String issuer;
    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        issuer = server.baseUrl() + REALM;
        server.stubFor(get(REALM + "/.well-known/openid-configuration").willReturn(okJson(new JsonObject()
                .put("issuer", issuer)
                .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                .put("authorization_endpoint", issuer + "/protocol/openid-connect/auth")
                .put("token_endpoint", issuer + "/protocol/openid-connect/token")
                .put("response_types_supported", new JsonArray().add("code"))
                .put("subject_types_supported", new JsonArray().add("public"))
                .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256")).encode())));
        publishKeys(Map.of(KID, KEY), 0);
        return Map.of("clay.mcp.oauth.issuer", issuer, "clay.mcp.oauth.audience", AUDIENCE,
                "clay.mcp.oauth.scopes", SCOPE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static String issuer() {
        return issuer;
    }

    /**
     * Serves these keys (by key id) as the issuer's JWKS from now on, after {@code delayMillis} (a long delay stands for
     * an issuer that accepts connections and does not answer).
     */
    public static void publishKeys(Map<String, KeyPair> keys, int delayMillis) {
        JsonArray jwks = new JsonArray();
        keys.forEach((kid, pair) -> {
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            jwks.add(new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                    .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent())));
        });
        server.stubFor(get(CERTS).willReturn(okJson(new JsonObject().put("keys", jwks).encode())
                .withFixedDelay(delayMillis)));
    }

    /** How often the server has fetched the issuer's keys. */
    public static int keyFetches() {
        return server.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(CERTS)).build()).getCount();
    }

    /** An RS256 token signed with {@code key} under the key id {@code kid}. */
    public static String sign(Map<String, Object> claims, KeyPair key, String kid) {
        String content = part(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", kid)) + "."
                + part(new JsonObject(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token that should be accepted: right issuer and audience, the scope, five minutes to live. */
    public static Map<String, Object> goodClaims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "agent-7");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("scope", "openid " + SCOPE);
        return claims;
    }

    /** An RS256 token signed with the provider's key. */
    public static String sign(Map<String, Object> claims) {
        return sign(claims, KEY);
    }

    /** An RS256 token with the provider's key id, signed with another key. */
    public static String forge(Map<String, Object> claims) {
        return sign(claims, OTHER_KEY);
    }

    /** A token that says it needs no signature ({@code alg: none}). */
    public static String unsigned(Map<String, Object> claims) {
        return part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + part(new JsonObject(claims)) + ".";
    }

    private static String sign(Map<String, Object> claims, KeyPair key) {
        return sign(claims, key, KID);
    }

    private static String part(JsonObject json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

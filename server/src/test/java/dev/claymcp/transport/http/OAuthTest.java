package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.OidcStub;
import dev.claymcp.support.Profiles;

/**
 * Hosted mode as an OAuth 2.1 resource server: only access tokens of the configured issuer, signed by its keys,
 * unexpired, for this server and with the required scope reach MCP. A client without one learns from the 401 where the
 * protected resource metadata is, and from the metadata which authorization server to ask.
 */
@QuarkusTest
@TestProfile(Profiles.OAuth.class)
class OAuthTest extends ClayToolTest {

    static final String INIT = HttpAuthTest.INIT;
    static final String METADATA = "https://clay-mcp.example.com/.well-known/oauth-protected-resource";

    /** A token the server must accept; its text must never show up in a log or at Clay. */
    final String goodToken = OidcStub.sign(OidcStub.goodClaims());

    @Override
    protected void connectClient() {
        client = McpAssured.newStreamableClient()
                .setAdditionalHeaders(m -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + goodToken))
                .build().connect();
    }

    static RequestSpecification mcpPost() {
        return given().header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .body(INIT);
    }

    static String token(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = OidcStub.goodClaims();
        change.accept(claims);
        return OidcStub.sign(claims);
    }

    @Test
    void aValidAccessTokenReachesToolsAndIsNeverSentToClayNorLogged() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":4}")));
        try (CapturedLogs logs = CapturedLogs.start()) {
            client.when()
                    .toolsList(page -> assertEquals(13, page.size()))
                    .toolsCall("count_rows", args("tableId", "t_abc"),
                            r -> assertEquals(4, ((JsonObject) r.structuredContent()).getInteger("count")))
                    .thenAssertResults();

            clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")).withHeader("Authorization", absent()));
            clay.getAllServeEvents().forEach(e -> assertFalse(e.getRequest().toString().contains(goodToken)));
            assertFalse(String.join("\n", logs.lines(null)).contains(goodToken.substring(goodToken.lastIndexOf('.'))),
                    "the token's signature is in no log line");
        }
    }

    @Test
    void noTokenGets401PointingToTheMetadata() {
        mcpPost().post("/mcp").then().statusCode(401).header("WWW-Authenticate",
                equalTo("Bearer resource_metadata=\"" + METADATA + "\", scope=\"" + OidcStub.SCOPE + "\""));
        given().get("/mcp/sse").then().statusCode(401);
        // authentication comes first: a message that is not JSON-RPC teaches a stranger nothing
        given().header("Content-Type", "application/json").body("{}").post("/mcp").then().statusCode(401);
        given().header("Content-Type", "application/json").header("Authorization", "Bearer x.y.z").body("{}")
                .post("/mcp").then().statusCode(401);
        assertNothingReachedClay();
    }

    @Test
    void tokensThatAreNotForThisServerGet401InvalidToken() {
        Map<String, String> refused = Map.of(
                "expired", token(c -> c.put("exp", (Long) c.get("iat") - 60)),
                "another issuer", token(c -> c.put("iss", "https://evil.example/realms/clay")),
                "another audience", token(c -> c.put("aud", "https://other-server.example.com/mcp")),
                "no audience", token(c -> c.remove("aud")),
                "signed with another key", OidcStub.forge(OidcStub.goodClaims()),
                "alg none", OidcStub.unsigned(OidcStub.goodClaims()),
                "not a JWT", "tok-A-0123456789");
        refused.forEach((why, token) -> mcpPost().header("Authorization", "Bearer " + token).post("/mcp").then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("resource_metadata=\"" + METADATA + "\"")));
        assertNothingReachedClay();
    }

    @Test
    void aTokenWithoutTheRequiredScopeGets403InsufficientScope() {
        String token = token(c -> c.put("scope", "openid profile"));
        mcpPost().header("Authorization", "Bearer " + token).post("/mcp").then().statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .header("WWW-Authenticate", containsString("scope=\"" + OidcStub.SCOPE + "\""))
                .body(containsString(OidcStub.SCOPE));
        // scopes as a list (the scp claim some providers use) count too
        String scp = token(c -> {
            c.remove("scope");
            c.put("scp", new JsonArray().add(OidcStub.SCOPE).getList());
        });
        mcpPost().header("Authorization", "Bearer " + scp).post("/mcp").then().statusCode(200);
    }

    @Test
    void theProtectedResourceMetadataNamesResourceIssuerAndScopes() {
        for (String path : new String[] { "/.well-known/oauth-protected-resource",
                "/.well-known/oauth-protected-resource/mcp" }) {
            JsonObject metadata = new JsonObject(given().header("Origin", "https://claude.ai").get(path).then()
                    .statusCode(200).contentType("application/json").extract().asString());
            assertEquals(OidcStub.AUDIENCE, metadata.getString("resource"), path);
            assertEquals(new JsonArray().add(OidcStub.issuer()), metadata.getJsonArray("authorization_servers"));
            assertEquals(new JsonArray().add(OidcStub.SCOPE), metadata.getJsonArray("scopes_supported"));
            assertEquals(new JsonArray().add("header"), metadata.getJsonArray("bearer_methods_supported"));
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Attack run finding 11: a scope claim written with quotes in it ("\"clay:tools\"") passed for clay:tools. */
    @Test
    void aScopeWrittenWithQuotesIsAnotherScope() {
        mcpPost().header("Authorization", "Bearer " + token(c -> c.put("scope", "\"" + OidcStub.SCOPE + "\"")))
                .post("/mcp").then().statusCode(403);
        mcpPost().header("Authorization", "Bearer " + token(c -> {
            c.remove("scope");
            c.put("scp", new JsonArray().add("\"" + OidcStub.SCOPE + "\"").getList());
        })).post("/mcp").then().statusCode(403);
    }

    /** Attack run finding 11: a token that expires in a hundred years was accepted. */
    @Test
    void aTokenIssuedForLongerThanTheMaximumAgeIsRefused() {
        mcpPost().header("Authorization", "Bearer " + token(c -> c.put("exp", (Long) c.get("iat") + 100L * 365 * 86400)))
                .post("/mcp").then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));
        mcpPost().header("Authorization", "Bearer " + token(c -> c.put("exp", (Long) c.get("iat") + 23 * 3600)))
                .post("/mcp").then().statusCode(200);
    }

    static int status(String token) {
        return mcpPost().header("Authorization", "Bearer " + token)
                .config(io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig
                        .httpClientConfig().setParam("http.socket.timeout", 30_000)))
                .post("/mcp").then().extract().statusCode();
    }

    /**
     * Attack run finding 8: one forged token with an unknown key id made the server fetch the issuer's keys, and then
     * refuse to fetch them again for ten minutes, so tokens signed with a key rotated in meanwhile were refused.
     */
    @Test
    void aRotatedKeyIsLearntEvenJustAfterAForgedTokenWithAnUnknownKeyId() {
        Map<String, Object> claims = OidcStub.goodClaims();
        assertEquals(401, status(OidcStub.sign(claims, OidcStub.KEY_2, "key-2")), "key-2 is not published yet");
        int fetches = OidcStub.keyFetches();

        OidcStub.publishKeys(Map.of("key-1", OidcStub.KEY, "key-2", OidcStub.KEY_2), 0);

        Conditions.await(java.time.Duration.ofSeconds(60), "a token signed with the rotated key to be accepted",
                () -> status(OidcStub.sign(OidcStub.goodClaims(), OidcStub.KEY_2, "key-2")) == 200);
        assertTrue(OidcStub.keyFetches() > fetches, "the keys were fetched again");
    }

    /**
     * Attack run finding 5: an issuer that accepts connections and never answers held every request with a token.
     * A request now gets its answer in seconds, and once the issuer answers again its new key is learnt.
     */
    @Test
    void anIssuerThatDoesNotAnswerHoldsNoRequestAndIsUsedAgainOnceItAnswers() {
        OidcStub.publishKeys(Map.of("key-1", OidcStub.KEY, "key-3", OidcStub.KEY_3), 120_000);
        int fetches = OidcStub.keyFetches();
        // a token with an unknown key id makes the server fetch the keys (at most every few seconds): whatever it
        // answers (401, or 503 while the fetch is stuck), it answers within the client's 30 s
        Conditions.await(java.time.Duration.ofSeconds(60), "a fetch of the keys from the silent issuer", () -> {
            int status = status(OidcStub.sign(OidcStub.goodClaims(), OidcStub.KEY_3, "key-3"));
            assertTrue(status == 401 || status == 503, "status " + status);
            return OidcStub.keyFetches() > fetches;
        });
        assertEquals(200, status(goodToken), "a token with a known key needs no fetch");

        OidcStub.publishKeys(Map.of("key-1", OidcStub.KEY, "key-3", OidcStub.KEY_3), 0);
        Conditions.await(java.time.Duration.ofSeconds(60), "the issuer's new key to be learnt once it answers",
                () -> status(OidcStub.sign(OidcStub.goodClaims(), OidcStub.KEY_3, "key-3")) == 200);
    }
}

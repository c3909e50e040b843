package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** With CLAY_MCP_AUTH_TOKENS set, MCP needs a bearer token; foreign origins and hosts are refused; health is open. */
@QuarkusTest
@TestProfile(Profiles.HostedWithTokens.class)
class HttpAuthTest extends ClayToolTest {

    static final String TOKEN = Profiles.HostedWithTokens.TOKEN;
    static final String INIT = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize")
            .put("params", new JsonObject().put("protocolVersion", "2025-06-18").put("capabilities", new JsonObject())
                    .put("clientInfo", new JsonObject().put("name", "t").put("version", "1"))).encode();

    @Override
    protected void connectClient() {
        client = McpAssured.newStreamableClient()
                .setAdditionalHeaders(m -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + TOKEN))
                .build().connect();
    }

    @Test
    void aValidTokenListsToolsAndCallsClay() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":4}")));

        client.when()
                .toolsList(page -> assertEquals(13, page.size()))
                .toolsCall("count_rows", args("tableId", "t_abc"),
                        r -> assertEquals(4, ((JsonObject) r.structuredContent()).getInteger("count")))
                .thenAssertResults();

        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count")));
    }

    /** The SSE transport with a token, as a remote agent uses it: stream, endpoint event, then posted messages. */
    @Test
    void theSseTransportWorksWithAToken() throws Exception {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":8}")));
        java.net.URI base = java.net.URI.create(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("test.url", String.class));
        var http = java.net.http.HttpClient.newHttpClient();
        var stream = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/mcp/sse"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode(), base + " " + stream.headers().map());
        var lines = stream.body().iterator();
        String endpoint = null;
        while (endpoint == null && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                endpoint = line.substring(5).strip();
            }
        }
        java.net.URI messages = base.resolve(endpoint);
        for (String message : List.of(INIT,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"count_rows\","
                        + "\"arguments\":{\"tableId\":\"t_abc\"}}}")) {
            var posted = http.send(java.net.http.HttpRequest.newBuilder(messages)
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(message)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(true, posted.statusCode() < 300, posted.statusCode() + " " + posted.body());
        }
        JsonObject answer = null;
        while (answer == null && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:") && line.contains("\"id\":2")) {
                answer = new JsonObject(line.substring(5).strip());
            }
        }
        assertEquals(8, answer.getJsonObject("result").getJsonObject("structuredContent").getInteger("count"));
        // without the token the same message endpoint refuses
        var refused = http.send(java.net.http.HttpRequest.newBuilder(messages).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(INIT)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        stream.body().close(); // ends the event stream, which would otherwise hold the server's shutdown
    }

    private io.restassured.specification.RequestSpecification mcpPost() {
        return given().contentType("application/json").accept("application/json, text/event-stream").body(INIT);
    }

    @Test
    void deleteEndsTheSession() {
        String session = client.mcpSessionId();
        client.when().toolsList(page -> assertEquals(13, page.size())).thenAssertResults();

        given().header("Authorization", "Bearer " + TOKEN).header("Mcp-Session-Id", session)
                .delete("/mcp").then().statusCode(200);

        given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Authorization", "Bearer " + TOKEN).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(404);
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        mcpPost().post("/mcp").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"clay-mcp-server\""));
        given().get("/mcp/sse").then().statusCode(401);
        given().delete("/mcp").then().statusCode(401);
        // before any JSON-RPC check: a stranger learns nothing about messages
        given().header("Content-Type", "application/json").body("{\"jsonrpc\":\"1.0\"}").post("/mcp").then()
                .statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer wrong-token", "Bearer tok-A-012345678", "Bearer tok-A-0123456789x", "Bearer ",
            "Bearer", "Basic dG9rLUE6eA==", "tok-A-0123456789", "Bearertok-A-0123456789", "bearer  " })
    void aWrongOrMalformedTokenIsUnauthorized(String authorization) {
        mcpPost().header("Authorization", authorization).post("/mcp").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(not(containsString("tok-A-0123456789")), not(containsString(TOKEN)));
    }

    @Test
    void eitherConfiguredTokenIsAccepted() {
        for (String token : List.of("tok-A-0123456789", TOKEN)) {
            mcpPost().header("Authorization", "Bearer " + token).post("/mcp").then().statusCode(200);
        }
    }

    @Test
    void aForeignOriginIsForbiddenEvenWithAToken() {
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Origin", "https://evil.example")
                .post("/mcp").then().statusCode(403);
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Origin", "null").post("/mcp").then().statusCode(403);
    }

    /** On a loopback bind every loopback page may connect: localhost, all of 127.0.0.0/8 and [::1], on any port. */
    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:6274", "http://localhost", "https://localhost:8443", "http://127.0.0.1:6274",
            "http://127.0.0.2:6274", "http://127.255.255.254", "http://[::1]:6274", "http://LOCALHOST:1" })
    void everyLoopbackOriginIsAllowedWithCorsHeaders(String origin) {
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Origin", origin).post("/mcp").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo(origin));
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST").options("/mcp").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost.evil.example", "http://127.0.0.1.evil.example", "http://128.0.0.1",
            "http://[::2]:6274", "http://127.0.0.256", "file://localhost", "http://localhost:6274/page" })
    void lookAlikesOfLoopbackAreForbidden(String origin) {
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Origin", origin).post("/mcp").then()
                .statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    /** Sends a raw HTTP/1.1 request and returns the status line. */
    private static String raw(String request) throws java.io.IOException {
        java.net.URI base = java.net.URI.create(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("test.url", String.class));
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(request.replace("{port}", Integer.toString(base.getPort()))
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void twoHostOrTwoOriginHeadersAreABadRequest() throws java.io.IOException {
        assertEquals("HTTP/1.1 400 Bad Request", raw("GET /q/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                + "Host: evil.example\r\nConnection: close\r\n\r\n"));
        assertEquals("HTTP/1.1 400 Bad Request", raw("GET /q/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                + "Origin: http://localhost:1\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n"));
        assertEquals("HTTP/1.1 200 OK", raw("GET /q/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                + "Connection: close\r\n\r\n"));
    }

    @Test
    void anAbsoluteFormTargetNamingAnotherHostIsForbidden() throws java.io.IOException {
        assertEquals("HTTP/1.1 403 Forbidden", raw("GET http://evil.example/q/health HTTP/1.1\r\n"
                + "Host: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
        assertEquals("HTTP/1.1 200 OK", raw("GET http://127.0.0.1:{port}/q/health HTTP/1.1\r\n"
                + "Host: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void configuredAndLoopbackOriginsAreAllowedAndGetCorsHeaders() {
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Origin", "https://agents.example.com")
                .post("/mcp").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://agents.example.com"));
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Origin", "http://localhost:6274")
                .post("/mcp").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:6274"));
    }

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoToken() {
        given().header("Origin", "https://agents.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,mcp-session-id")
                .options("/mcp").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://agents.example.com"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/mcp").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aRebindingHostIsForbidden() {
        mcpPost().header("Authorization", "Bearer " + TOKEN).header("Host", "evil.example")
                .header("Origin", "http://evil.example").post("/mcp").then().statusCode(403);
        given().header("Host", "evil.example:8080").get("/q/health").then().statusCode(403);
    }

    @Test
    void healthIsReadableWithoutATokenAndHoldsNoSecret() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(not(containsString(Canary.COOKIE)), not(containsString(TOKEN)));
        given().get("/q/health").then().statusCode(200);
    }
}

package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.ServerProcess;

/** The packaged jar in HTTP mode, as a team would host it. */
class HttpIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private boolean awaitHealth(int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        return false;
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> post(int port, String session, JsonObject message) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer it-token");
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(message.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The packaged server over HTTP: EOF on stdin does not stop it. On SIGTERM readiness goes down and new sessions
     * get 503 while a call in flight finishes and a bulk add stops at its next chunk with its exact report (as over
     * stdio); then the process exits 0. Stdout stays empty.
     */
    @Test
    void servesOverHttpAndOnSigtermFinishesCallsInFlight() throws Exception {
        // the count answers after 6 s: long enough to look at the stopping server meanwhile, within its 10 s for calls
        clay.stubFor(get("/v3/tables/t_slow/count").willReturn(okJson("{\"count\":5}").withFixedDelay(6000)));
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v3/tables/t_abc/records")
                .willReturn(okJson("{}").withFixedDelay(700)));
        int port = ServerProcess.freePort();
        JsonArray rows = new JsonArray();
        for (int i = 0; i < 500; i++) {
            rows.add(new JsonObject().put("id", "r" + i));
        }
        try (ServerProcess server = ServerProcess.start(Map.of("CLAY_MCP_TRANSPORT", "http",
                "QUARKUS_HTTP_PORT", Integer.toString(port), "CLAY_API_URL", clay.baseUrl(),
                "CLAY_SESSION_COOKIE", Canary.COOKIE, "CLAY_MCP_AUTH_TOKENS", "it-token"))) {
            server.closeStdin(); // stdio is off in HTTP mode: EOF on stdin must not stop the server
            assertTrue(awaitHealth(port), server.stderr());
            var init = post(port, null, ServerProcess.request(1, "initialize", new JsonObject()
                    .put("protocolVersion", "2025-06-18").put("capabilities", new JsonObject())
                    .put("clientInfo", new JsonObject().put("name", "it").put("version", "1"))));
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            post(port, session, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));

            CompletableFuture<HttpResponse<String>> bulk = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(port, session, ServerProcess.toolCall(2, "add_rows",
                            new JsonObject().put("tableId", "t_abc").put("rows", rows)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(port, session, ServerProcess.toolCall(3, "count_rows", new JsonObject().put("tableId", "t_slow")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Conditions.await(WAIT, "the first chunk and the count reached Clay", () -> clay.getAllServeEvents().size() >= 2);
            server.terminate();

            // while the count is in flight: readiness is down, and a new session is refused with a clear status
            Conditions.await(WAIT, "readiness DOWN", () -> status(port, "/q/health/ready") == 503);
            HttpResponse<String> refused = post(port, null, ServerProcess.request(9, "initialize", new JsonObject()
                    .put("protocolVersion", "2025-06-18").put("capabilities", new JsonObject())
                    .put("clientInfo", new JsonObject().put("name", "late").put("version", "1"))));
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("shutting down"), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertTrue(!slow.isDone(), "all of this happened while the call was in flight");

            HttpResponse<String> counted = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, counted.statusCode());
            assertTrue(counted.body().contains("\"count\":5"), counted.body());
            HttpResponse<String> answer = bulk.get(30, TimeUnit.SECONDS);
            String body = answer.body();
            JsonObject result = new JsonObject(body.startsWith("{") ? body
                    : body.substring(body.indexOf("data:") + 5).strip()).getJsonObject("result");
            int sent = clay.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v3/tables/t_abc/records"))).size();
            assertTrue(result.getBoolean("isError"), body);
            assertTrue(result.getJsonArray("content").getJsonObject(0).getString("text").startsWith("Stopped: the server "
                    + "is shutting down. " + (sent * 100) + " of 500 rows were added"), body);
            assertTrue(sent < 5, "it stopped early: " + sent + " chunks");
            assertEquals(0, server.waitFor(WAIT), "a clean stop exits 0");
            assertTrue(server.stderr().contains("\"tool\":\"add_rows\",\"outcome\":\"error\""), server.stderr());
            assertTrue(server.stdout().isEmpty(), "HTTP mode writes nothing on stdout");
            assertTrue(!Canary.leaksIn(server.stderr()) && !server.stderr().contains("it-token"));
        }
    }
}

package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.quarkiverse.mcp.server.test.McpAssured;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.Conditions;
import dev.claymcp.support.Installed;
import dev.claymcp.support.RedisServer;
import dev.claymcp.support.ServerProcess;

/**
 * Two replicas of the packaged server behind HAProxy with the shipped {@code deploy/haproxy.cfg}, sharing Clay's rate
 * limit through a real redis-server, with WireMock as Clay: 40 sessions × 20 calls through the load balancer are all
 * answered, both replicas serve, and Clay sees no more than the limit. Then one replica stops: its sessions get 404,
 * the others carry on, and a client that starts a new session (McpAssured here) carries on too.
 */
@org.junit.jupiter.api.Tag("deployment") // ./mvnw verify -Pdeployment, as CI runs it
class ReplicasIT {

    static final int SESSIONS = 40;
    static final int CALLS = 20;
    static final int PER_SECOND = 100;
    static final int BURST = 10;
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Replica(ServerProcess process, int port, int metricsPort) {
    }

    private Replica replica(String redisUrl, int port, int metrics) {
        Map<String, String> env = new HashMap<>(Map.of("CLAY_MCP_TRANSPORT", "http",
                "QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_MANAGEMENT_PORT", Integer.toString(metrics),
                "CLAY_API_URL", clay.baseUrl(), "CLAY_SESSION_COOKIE", Canary.COOKIE,
                "CLAY_RATE_LIMIT_REDIS_URL", redisUrl, "CLAY_RATE_LIMIT_PER_SECOND", Integer.toString(PER_SECOND),
                "CLAY_RATE_LIMIT_BURST", Integer.toString(BURST)));
        return new Replica(ServerProcess.start(env), port, metrics);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String url) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).build()).statusCode();
        } catch (IllegalStateException notListening) {
            return -1;
        }
    }

    private HttpResponse<String> post(int port, String session, JsonObject message) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .timeout(WAIT);
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(message.encode())).build());
    }

    /** The JSON-RPC answer in a response, sent as JSON or as one server-sent event. */
    private static JsonObject answer(HttpResponse<String> response) {
        String body = response.body();
        return new JsonObject(body.startsWith("{") ? body : body.substring(body.indexOf("data:") + 5).strip());
    }

    /** Opens a session through {@code port}; its id. */
    private String initialize(int port) {
        HttpResponse<String> init = post(port, null, ServerProcess.request(1, "initialize", new JsonObject()
                .put("protocolVersion", "2025-06-18").put("capabilities", new JsonObject())
                .put("clientInfo", new JsonObject().put("name", "replicas-it").put("version", "1"))));
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(port, session, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return session;
    }

    private HttpResponse<String> countRows(int port, String session, int id) {
        return post(port, session, ServerProcess.toolCall(id, "count_rows", new JsonObject().put("tableId", "t_abc")));
    }

    /** A replica's own figure from its metrics endpoint: the sum of every series of {@code metric}. */
    private double metric(Replica replica, String metric) {
        String text = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.metricsPort() + "/q/metrics"))
                .build()).body();
        Matcher m = Pattern.compile("(?m)^" + metric + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Test
    void fortySessionsThroughTheLoadBalancerShareOneRateLimitAndOutliveAReplica() throws Exception {
        Path haproxy = Installed.require("haproxy");
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":3}")));
        int[] ports = ServerProcess.freePorts(6);
        int lb = ports[0];
        try (RedisServer redis = RedisServer.start(ports[5])) {
            Replica one = replica(redis.url(), ports[1], ports[2]);
            Replica two = replica(redis.url(), ports[3], ports[4]);
            Path lbLog = Path.of("target", "replicas-it-haproxy.log");
            Path config = Path.of(System.getProperty("build.root")).resolve("deploy/haproxy.cfg");
            ProcessBuilder lbCommand = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(lbLog.toFile());
            lbCommand.environment().putAll(Map.of("MCP_LB_BIND", "127.0.0.1:" + lb,
                    "MCP_REPLICA_1", "127.0.0.1:" + one.port(), "MCP_REPLICA_2", "127.0.0.1:" + two.port()));
            Process balancer = null;
            ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
            try {
                for (Replica r : List.of(one, two)) {
                    Conditions.await(WAIT, "replica on port " + r.port() + " ready",
                            () -> status("http://127.0.0.1:" + r.port() + "/q/health/ready") == 200);
                }
                balancer = lbCommand.start();
                Process lbProcess = balancer;
                Conditions.await(WAIT, "HAProxy listening", () -> status("http://127.0.0.1:" + lb + "/q/health/ready") == 200);
                assertTrue(lbProcess.isAlive(), "HAProxy runs (see " + lbLog + ")");

                // 40 clients at once, each its own session of 20 calls, all through the load balancer
                List<Future<String>> opened = new ArrayList<>();
                for (int s = 0; s < SESSIONS; s++) {
                    opened.add(clients.submit(() -> {
                        String session = initialize(lb);
                        for (int c = 0; c < CALLS; c++) {
                            HttpResponse<String> call = countRows(lb, session, 10 + c);
                            assertEquals(200, call.statusCode(), call.body());
                            JsonObject result = answer(call).getJsonObject("result");
                            assertFalse(result.getBoolean("isError", false), call.body());
                            assertEquals(3, result.getJsonObject("structuredContent").getInteger("count"));
                        }
                        return session;
                    }));
                }
                List<String> sessions = new ArrayList<>();
                for (Future<String> f : opened) {
                    sessions.add(f.get(5, TimeUnit.MINUTES));
                }

                // every call reached Clay once, with the cookie; both replicas served a share
                var requests = clay.getAllServeEvents();
                assertEquals(SESSIONS * CALLS, requests.size());
                assertTrue(requests.stream().allMatch(e -> ("claysession=" + Canary.COOKIE)
                        .equals(e.getRequest().getHeader("Cookie"))));
                double callsOne = metric(one, "clay_mcp_tool_calls_seconds_count");
                double callsTwo = metric(two, "clay_mcp_tool_calls_seconds_count");
                assertEquals(SESSIONS * CALLS, callsOne + callsTwo, 0.001);
                assertTrue(callsOne > 0 && callsTwo > 0, "both replicas served: " + callsOne + " / " + callsTwo);

                // Clay's side: the two replicas together stay within the one limit
                List<Long> at = requests.stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
                double seconds = (at.get(at.size() - 1) - at.get(0)) / 1000.0;
                double rate = (at.size() - BURST) / seconds;
                int peak = 0;
                for (int i = 0, j = 0; i < at.size(); i++) {
                    while (at.get(i) - at.get(j) >= 1000) {
                        j++;
                    }
                    peak = Math.max(peak, i - j + 1);
                }
                String figures = String.format("%d calls, %d errors, replicas %.0f / %.0f, Clay %.1f requests/s "
                        + "on average, peak %d in one second, limit %d/s with a burst of %d", SESSIONS * CALLS, 0,
                        callsOne, callsTwo, rate, peak, PER_SECOND, BURST);
                System.out.println("ReplicasIT: " + figures);
                assertTrue(rate <= PER_SECOND * 1.05, figures);
                // requests leave at their token's time but can arrive late, bunched with the next ones on a busy
                // machine; two buckets instead of one would show some 200 in a second, far above this bound
                assertTrue(peak <= (PER_SECOND + BURST) * 1.5, figures);

                // replica one stops: its sessions get 404 through the load balancer, replica two's carry on
                double onOne = metric(one, "clay_mcp_sessions_open");
                assertTrue(onOne > 0 && onOne < SESSIONS, "replica one holds some of the sessions: " + onOne);
                one.process().terminate();
                assertEquals(0, one.process().waitFor(WAIT));
                int gone = 0;
                int kept = 0;
                for (String session : sessions) {
                    HttpResponse<String> call = countRows(lb, session, 99);
                    if (call.statusCode() == 404) {
                        gone++;
                        // the client starts a new session and carries on
                        String again = initialize(lb);
                        HttpResponse<String> retried = countRows(lb, again, 100);
                        assertEquals(200, retried.statusCode(), retried.body());
                        assertFalse(answer(retried).getJsonObject("result").getBoolean("isError", false));
                    } else {
                        assertEquals(200, call.statusCode(), call.body());
                        kept++;
                    }
                }
                assertEquals(onOne, gone, 0.001, "exactly the stopped replica's sessions are gone");
                assertEquals(SESSIONS - onOne, kept, 0.001);

                // and a real MCP client, connecting afresh through the load balancer, works as before
                var client = McpAssured.newStreamableClient().setBaseUri(URI.create("http://127.0.0.1:" + lb + "/"))
                        .build().connect();
                client.when().toolsCall("count_rows").withArguments(Map.of("tableId", "t_abc"))
                        .withAssert(r -> assertEquals(3, ((io.vertx.core.json.JsonObject) r.structuredContent())
                                .getInteger("count")))
                        .send().thenAssertResults();
                client.disconnect();
                assertTrue(!Canary.leaksIn(two.process().stderr()), "the cookie is never logged");
            } finally {
                clients.shutdownNow();
                if (balancer != null) {
                    balancer.destroy();
                }
                one.process().close();
                two.process().close();
            }
        }
    }
}

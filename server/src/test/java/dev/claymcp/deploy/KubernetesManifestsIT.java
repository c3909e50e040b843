package dev.claymcp.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The manifests quarkus-kubernetes generates at build time (target/kubernetes/kubernetes.yml), read as kubectl would
 * read them: two replicas of the HTTP server with probes on its health endpoints, secrets from a Secret, memory sized
 * from the measured RSS, a read-only root filesystem, a PodDisruptionBudget, a Service, an Ingress that keeps a
 * session on its replica, and the Redis that holds the shared rate limit.
 */
class KubernetesManifestsIT {

    static final Path MANIFESTS = Path.of("target", "kubernetes", "kubernetes.yml");
    static List<JsonNode> resources = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var parser = yaml.getFactory().createParser(MANIFESTS.toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(r -> {
                if (r != null && !r.isNull()) {
                    resources.add(r);
                }
            });
        }
    }

    static JsonNode resource(String kind, String name) {
        return resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + MANIFESTS));
    }

    static JsonNode server() {
        JsonNode containers = resource("Deployment", "clay-mcp-server").path("spec").path("template").path("spec")
                .path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    @Test
    void twoReplicasOfTheHttpServerWithProbesOnItsHealthEndpoints() {
        JsonNode deployment = resource("Deployment", "clay-mcp-server");
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        JsonNode c = server();
        assertEquals("ghcr.io/claymcp/clay-mcp-server:" + System.getProperty("build.version"), c.path("image").asText());
        Map<String, String> env = env(c);
        assertEquals("http", env.get("CLAY_MCP_TRANSPORT"));
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"));
        assertEquals("redis://clay-mcp-redis:6379", env.get("CLAY_RATE_LIMIT_REDIS_URL"));
        assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
        // health answers on the MCP port (8080), not on the management port
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals(8080, c.path(probe).path("httpGet").path("port").asInt(), probe);
        }
        // the selector holds no version, so an upgrade can roll out (a Deployment's selector cannot change)
        assertFalse(deployment.path("spec").path("selector").path("matchLabels").has("app.kubernetes.io/version"));
    }

    @Test
    void theCookieAndTokensComeFromASecretAndNothingSecretIsInTheManifests() {
        JsonNode c = server();
        assertEquals("clay-mcp-server", c.path("envFrom").get(0).path("secretRef").path("name").asText());
        Map<String, String> env = env(c);
        for (String secret : List.of("CLAY_SESSION_COOKIE", "CLAY_MCP_AUTH_TOKENS")) {
            assertFalse(env.containsKey(secret), secret + " comes only from the Secret");
        }
        assertTrue(resources.stream().noneMatch(r -> r.path("kind").asText().equals("Secret")),
                "the Secret is created by the operator, never shipped");
    }

    @Test
    void memoryIsSizedAndTheRootFilesystemIsReadOnlyForANonRootUser() {
        JsonNode c = server();
        assertEquals("160Mi", c.path("resources").path("requests").path("memory").asText());
        assertEquals("256Mi", c.path("resources").path("limits").path("memory").asText());
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        JsonNode pod = resource("Deployment", "clay-mcp-server").path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals(185, pod.path("securityContext").path("runAsUser").asInt());
        // the one writable place: /tmp, an emptyDir
        assertEquals("/tmp", c.path("volumeMounts").get(0).path("mountPath").asText());
        assertTrue(pod.path("volumes").get(0).has("emptyDir"));
    }

    @Test
    void aDisruptionBudgetAServiceAndAnIngressThatKeepsASessionOnItsReplica() {
        JsonNode pdb = resource("PodDisruptionBudget", "clay-mcp-server");
        assertEquals(1, pdb.path("spec").path("minAvailable").asInt());
        assertEquals("clay-mcp-server", pdb.path("spec").path("selector").path("matchLabels")
                .path("app.kubernetes.io/name").asText());

        JsonNode service = resource("Service", "clay-mcp-server");
        assertEquals(8080, service.path("spec").path("ports").get(0).path("targetPort").asInt());

        JsonNode ingress = resource("Ingress", "clay-mcp-server");
        assertEquals("haproxy", ingress.path("spec").path("ingressClassName").asText());
        assertEquals("clay-mcp-server", ingress.path("spec").path("rules").get(0).path("http").path("paths").get(0)
                .path("backend").path("service").path("name").asText());
        String snippet = ingress.path("metadata").path("annotations").path("haproxy.org/backend-config-snippet").asText();
        assertTrue(snippet.contains("stick match req.hdr(Mcp-Session-Id)"), snippet);
        assertTrue(snippet.contains("stick store-response res.hdr(Mcp-Session-Id)"), snippet);
    }

    @Test
    void redisForTheSharedRateLimitWithAServiceByTheNameTheServerUses() {
        JsonNode redis = resource("Deployment", "clay-mcp-redis");
        JsonNode container = redis.path("spec").path("template").path("spec").path("containers").get(0);
        assertTrue(container.path("image").asText().contains("redis:"));
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        JsonNode service = resource("Service", "clay-mcp-redis");
        assertEquals(6379, service.path("spec").path("ports").get(0).path("port").asInt());
        assertEquals("clay-mcp-redis", service.path("spec").path("selector").path("app.kubernetes.io/name").asText());
    }

    @Test
    void everyResourceIsOneKubectlKnowsWithoutExtraResourceTypes() {
        List<String> kinds = resources.stream().map(r -> r.path("apiVersion").asText() + " " + r.path("kind").asText())
                .sorted().toList();
        assertEquals(List.of("apps/v1 Deployment", "apps/v1 Deployment", "networking.k8s.io/v1 Ingress",
                "policy/v1 PodDisruptionBudget", "v1 Service", "v1 Service"), kinds);
    }
}

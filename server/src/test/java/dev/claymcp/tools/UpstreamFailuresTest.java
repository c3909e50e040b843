package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;
import dev.claymcp.support.ToolCalls;

/**
 * Every tool meets every way Clay can fail and answers with a clear isError result: never a protocol error, a stack
 * trace or the cookie. Reads and deletes are retried where the rule allows; creating calls are sent once. (A Clay
 * that does not answer at all is {@code SlowClayTest}.)
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class UpstreamFailuresTest extends ClayToolTest {

    record Failure(String name, ResponseDefinitionBuilder response, String expectedStart, boolean retryable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Failure> failures() {
        return List.of(
                new Failure("401", aResponse().withStatus(401),
                        "Clay rejected the session cookie (HTTP 401); it has probably expired", false),
                new Failure("403", aResponse().withStatus(403).withBody("<html>Forbidden</html>"),
                        "Clay rejected the session cookie (HTTP 403)", false),
                new Failure("404", aResponse().withStatus(404), "Clay found no ", false),
                new Failure("429", aResponse().withStatus(429).withHeader("Retry-After", "120"),
                        "Clay is rate-limiting requests (HTTP 429); it asked to wait 120 s before trying again.", true),
                new Failure("500", aResponse().withStatus(500).withBody("{\"error\":\"boom\"}"),
                        "Clay answered with a server error (HTTP 500). Try again in a moment.", false),
                new Failure("503", aResponse().withStatus(503),
                        "Clay answered with a server error (HTTP 503). Try again in a moment.", true),
                new Failure("400", aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"fieldIds must be valid\"}"),
                        "Clay refused the request (HTTP 400): fieldIds must be valid.", false),
                new Failure("non-JSON 200", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html>Sign in</html>"),
                        "Clay answered HTTP 200 with a body that is not JSON", false),
                new Failure("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        "Could not get an answer from Clay: ", true));
    }

    static Stream<Arguments> everyToolMeetsEveryFailure() {
        List<Arguments> cases = new ArrayList<>();
        for (ToolCalls call : ToolCalls.all()) {
            for (Failure failure : failures()) {
                cases.add(Arguments.of(call, failure));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource
    void everyToolMeetsEveryFailure(ToolCalls call, Failure failure) {
        clay.stubFor(any(anyUrl()).willReturn(failure.response()));

        ToolResponse answer = call(client, call.tool(), call.arguments());

        String message = text(answer);
        assertTrue(answer.isError(), message);
        assertTrue(message.startsWith(failure.expectedStart()), message);
        assertFalse(Canary.leaksIn(message), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("\tat "), message);
        List<ServeEvent> events = clay.getAllServeEvents();
        assertFalse(events.isEmpty());
        for (ServeEvent e : events) {
            assertEquals(call.method() + " " + call.url(), e.getRequest().getMethod() + " " + e.getRequest().getUrl());
            assertEquals("claysession=" + Canary.COOKIE, e.getRequest().getHeader("Cookie"));
        }
        int expectedAttempts = failure.retryable() && call.retried() && !failure.name().equals("429") ? 4 : 1;
        assertEquals(expectedAttempts, events.size(), "attempts");
    }
}

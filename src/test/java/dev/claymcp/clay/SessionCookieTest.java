package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.CapturedLogs;
import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.ToolCalls;

/** The canary cookie reaches Clay's Cookie header and nowhere else: not results, errors or logs. */
@QuarkusTest
@WithTestResource(ClayStub.class)
class SessionCookieTest extends ClayToolTest {

    @Test
    void theCookieAppearsInNoResultErrorOrLogLine() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            // success, Clay errors and a Clay error body that echoes the cookie back
            for (var response : List.of(okJson("{\"count\":1,\"recordIds\":[],\"echo\":\"" + Canary.COOKIE + "\"}"),
                    aResponse().withStatus(401), aResponse().withStatus(500),
                    aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\":\"bad cookie " + Canary.COOKIE + "\"}"))) {
                clay.resetAll();
                clay.stubFor(any(anyUrl()).willReturn(response));
                for (ToolCalls call : ToolCalls.all()) {
                    ToolResponse answer = call(client, call.tool(), call.arguments());
                    String shown = text(answer);
                    if (!call.tool().equals("list_sources") && !call.tool().equals("run_enrichment")
                            && !call.tool().equals("add_webhook_source")) {
                        // tools that keep Clay's answer as it came may show what Clay itself echoed; others never
                        assertFalse(shown.contains(Canary.COOKIE), call.tool() + ": " + shown);
                    }
                    if (answer.isError()) {
                        assertFalse(shown.contains(Canary.COOKIE), call.tool() + ": " + shown);
                    }
                }
            }
            assertFalse(logs.all().contains(Canary.COOKIE), "logs hold the cookie");
            assertTrue(logs.lines("clay.audit").size() > 0, "audit lines were captured, so the check saw them");
        }
    }

    @Test
    void aRejectedCookieSaysWhereItCameFromButNotWhatItIs() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(401)));

        String message = text(call(client, "count_rows", args("tableId", "t_abc")));

        assertTrue(message.contains("the cookie came from CLAY_SESSION_COOKIE, loaded at "), message);
        assertFalse(message.contains(Canary.COOKIE), message);
    }
}

package dev.claymcp.transport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** The legacy SSE transport at /mcp/sse serves the same tools. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class SseTransportTest extends ClayToolTest {

    @Test
    void listsToolsAndCallsClayOverSse() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":12}")));
        var sse = McpAssured.newConnectedSseClient();

        sse.when()
                .toolsList(page -> assertEquals(13, page.size()))
                .toolsCall("count_rows", args("tableId", "t_abc"), r -> {
                    assertFalse(r.isError());
                    assertEquals(12, ((JsonObject) r.structuredContent()).getInteger("count"));
                })
                .thenAssertResults();
        sse.disconnect();

        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
    }
}

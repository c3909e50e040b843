package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ClientCapability;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Mcp;
import dev.claymcp.support.Profiles;

/** With CLAY_ELICITATION=off no client is asked; the confirm argument alone guards delete_all_rows. */
@QuarkusTest
@TestProfile(Profiles.HostedWithTokens.class)
class ConfirmationsOffTest extends ClayToolTest {

    @Override
    protected void connectClient() {
        client = McpAssured.newStreamableClient()
                .setClientCapabilities(new ClientCapability(ClientCapability.ELICITATION, Map.of()))
                .setAdditionalHeaders(m -> MultiMap.caseInsensitiveMultiMap()
                        .add("Authorization", "Bearer " + Profiles.HostedWithTokens.TOKEN))
                .build().connect();
    }

    @Test
    void aClientThatCouldBeAskedIsNotAsked() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":4}")));
        clay.stubFor(delete("/v3/tables/t_abc/records").willReturn(aResponse().withStatus(204)));
        AtomicReference<ToolResponse> answer = new AtomicReference<>();

        client.when().toolsCall("delete_all_rows").withArguments(args("tableId", "t_abc", "confirm", "t_abc"))
                .withAssert(answer::set).send().thenAssertResults();

        assertFalse(answer.get().isError(), Mcp.text(answer.get()));
        assertEquals(0, client.snapshot().requests().size(), "no elicitation/create was sent");
        clay.verify(1, deleteRequestedFor(urlEqualTo("/v3/tables/t_abc/records")));
    }
}

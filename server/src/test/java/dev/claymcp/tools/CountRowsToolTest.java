package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

@QuarkusTest
@TestProfile(Profiles.Standard.class)
class CountRowsToolTest extends ClayToolTest {

    @Test
    void answersClaysCountWithTheSessionCookie() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":150}")));

        ToolResponse answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
        assertEquals(new JsonObject().put("tableId", "t_abc").put("count", 150), structured(answer));
        clay.verify(1, getRequestedFor(urlEqualTo("/v3/tables/t_abc/count"))
                .withHeader("Cookie", equalTo("claysession=" + Canary.COOKIE)));
    }

    @Test
    void anAnswerWithoutACountIsAClearError() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"rows\":3}")));

        ToolResponse answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertTrue(answer.isError());
        assertEquals("Clay answered HTTP 200 without a row count; the API may have changed.", text(answer));
    }

    @Test
    void aMissingTableIdIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "count_rows", args());

        assertTrue(answer.isError());
        assertTrue(text(answer).contains("tableId"), text(answer));
        assertNothingReachedClay();
    }

    @Test
    void aTableIdOfTheWrongTypeIsRefusedBeforeClay() {
        ToolResponse answer = call(client, "count_rows", args("tableId", 42));

        assertTrue(answer.isError());
        assertTrue(text(answer).contains("tableId"), text(answer));
        assertNothingReachedClay();
    }
}

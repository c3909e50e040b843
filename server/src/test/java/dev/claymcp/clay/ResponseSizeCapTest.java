package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** CLAY_MAX_RESPONSE_BYTES (4096 here) bounds what is read from Clay; a larger answer is a clear error. */
@QuarkusTest
@TestProfile(Profiles.Limits.class)
class ResponseSizeCapTest extends ClayToolTest {

    static final String TOO_LARGE = "Clay answered HTTP 200 with more than 4096 bytes, over this server's limit "
            + "(CLAY_MAX_RESPONSE_BYTES), so the answer was not read. Raise the limit if this table is really that "
            + "large.";

    @Test
    void aLargerAnswerIsRefusedWhetherItsLengthIsAnnouncedOrNot() {
        String ids = "{\"recordIds\":[" + "\"r\",".repeat(2000) + "\"r\"]}";
        clay.stubFor(get("/v3/tables/t_abc/views/gv_1/records/ids").willReturn(okJson(ids)));
        clay.stubFor(get("/v3/tables/t_abc/views/gv_2/records/ids").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withChunkedDribbleDelay(4, 20).withBody(ids)));

        for (String view : new String[] { "gv_1", "gv_2" }) {
            var answer = call(client, "list_record_ids", args("tableId", "t_abc", "viewId", view));
            assertTrue(answer.isError(), view);
            assertEquals(TOO_LARGE, text(answer));
        }
    }

    @Test
    void anAnswerWithinTheLimitIsRead() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":2,\"note\":\"" + "x".repeat(3000) + "\"}")));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
    }
}

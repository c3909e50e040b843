package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.structured;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** A large answer within the size cap (32 MB by default) is read, whatever long strings it holds. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class LargeAnswersTest extends ClayToolTest {

    @Test
    void aStringLongerThanTheJsonParsersDefaultLimitIsStillJson() {
        // 21 million characters: over the 20 M a JSON parser accepts in one string unless told otherwise
        clay.stubFor(get("/v3/tables/t_abc/count")
                .willReturn(okJson("{\"count\":3,\"note\":\"" + "x".repeat(21_000_000) + "\"}")));

        var answer = call(client, "count_rows", args("tableId", "t_abc"));

        assertFalse(answer.isError(), text(answer));
        assertEquals(3, structured(answer).getInteger("count"));
    }
}

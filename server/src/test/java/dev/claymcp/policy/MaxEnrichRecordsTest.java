package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/** CLAY_MAX_ENRICH_RECORDS caps the rows one run may spend credits on. */
@QuarkusTest
@TestProfile(Profiles.Limits.class)
class MaxEnrichRecordsTest extends ClayToolTest {

    @Test
    void aLargerRunIsRefusedNamingTheLimit() {
        var answer = call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "numRecords", 51));

        assertTrue(answer.isError());
        assertEquals("Refused: numRecords 51 is over this server's limit of 50 rows per run "
                + "(CLAY_MAX_ENRICH_RECORDS). Run at most 50 rows. Nothing was sent to Clay.", text(answer));
        assertNothingReachedClay();
    }

    @Test
    void allRecordsOnALargerTableIsRefused() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":80}")));

        var answer = call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "allRecords", true));

        assertTrue(answer.isError());
        assertTrue(text(answer).contains("limit of 50 rows per run"), text(answer));
        clay.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void runsWithinTheLimitGoAhead() {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":20}")));
        clay.stubFor(patch(urlEqualTo("/v3/tables/t_abc/run")).willReturn(okJson("{}")));

        assertFalse(call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "numRecords", 50)).isError());
        assertFalse(call(client, "run_enrichment",
                args("tableId", "t_abc", "viewId", "gv_v1", "fieldIds", List.of("f_a"), "allRecords", true)).isError());
        clay.verify(2, patchRequestedFor(urlEqualTo("/v3/tables/t_abc/run")));
    }
}

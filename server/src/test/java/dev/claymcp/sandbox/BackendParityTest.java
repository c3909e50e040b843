package dev.claymcp.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.NewRecord;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * The same situations through both back ends, the HTTP client (against WireMock answering as Clay does) and the
 * sandbox, must fail in the same words, so an agent rehearsed in the sandbox meets no surprise.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class BackendParityTest extends ClayToolTest {

    @Inject
    ClayTables http;

    final ClayTables sandbox = new SandboxClayTables(100_000);

    private static ClayException failure(Runnable call) {
        return assertThrows(ClayException.class, call::run);
    }

    private static void assertSame(ClayException expected, ClayException actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void deletingAnUnknownRecordFailsAlike() {
        clay.stubFor(delete("/v3/tables/t_p/records/nope").willReturn(aResponse().withStatus(404)));

        assertSame(failure(() -> http.deleteRecord("t_p", "nope")), failure(() -> sandbox.deleteRecord("t_p", "nope")));
    }

    @Test
    void deletingAnUnknownSourceFailsAlike() {
        clay.stubFor(delete("/v3/tables/t_p/sources/s_nope").willReturn(aResponse().withStatus(404)));

        assertSame(failure(() -> http.deleteSource("t_p", "s_nope")), failure(() -> sandbox.deleteSource("t_p", "s_nope")));
    }

    @Test
    void aDuplicateRecordIdFailsAlike() {
        clay.stubFor(post("/v3/tables/t_p/records").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"a record with id 'r1' already exists in this table\"}")));
        sandbox.addRecords("t_p", List.of(new NewRecord("r1", Map.of())));

        List<NewRecord> again = List.of(new NewRecord("r1", Map.of()));
        assertSame(failure(() -> http.addRecords("t_p", again)), failure(() -> sandbox.addRecords("t_p", again)));
    }

    @Test
    void countsAndIdsHaveTheSameShape() {
        clay.stubFor(get("/v3/tables/t_q/count").willReturn(okJson("{\"count\":2}")));
        clay.stubFor(get("/v3/tables/t_q/views/gv_1/records/ids").willReturn(okJson("{\"recordIds\":[\"a\",\"b\"]}")));
        sandbox.addRecords("t_q", List.of(new NewRecord("a", Map.of()), new NewRecord("b", Map.of())));

        assertEquals(http.countRows("t_q"), sandbox.countRows("t_q"));
        assertEquals(http.recordIds("t_q", "gv_1"), sandbox.recordIds("t_q", "gv_1"));
    }
}

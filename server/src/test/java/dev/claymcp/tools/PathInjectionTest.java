package dev.claymcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;
import dev.claymcp.support.ToolCalls;

/** No argument value can change which upstream path (or host) is requested. */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class PathInjectionTest extends ClayToolTest {

    static final String[] HOSTILE = { "t_abc/../x", "..", ".", "t_abc?x=1", "t_abc#f", "t_abc%2F..", "t abc",
            "t_äbc", "t_abc/records", "", " ", "t_abc\n", "http://evil.example/", "t_abc;x", "../../v1/admin" };

    @ParameterizedTest
    @ValueSource(strings = { "tableId", "viewId", "sourceId", "workspaceId" })
    void hostilePathIdsAreRefusedBeforeClay(String argument) {
        for (ToolCalls call : ToolCalls.all()) {
            if (!call.arguments().containsKey(argument)) {
                continue;
            }
            for (String hostile : HOSTILE) {
                Map<String, Object> arguments = new HashMap<>(call.arguments());
                arguments.put(argument, hostile);
                if (argument.equals("tableId") && call.arguments().containsKey("confirm")) {
                    arguments.put("confirm", hostile);
                }
                ToolResponse answer = call(client, call.tool(), arguments);
                assertTrue(answer.isError(), call.tool() + " " + argument + "=" + hostile);
                assertTrue(text(answer).contains(argument), text(answer));
            }
        }
        assertNothingReachedClay();
    }

    /**
     * Field ids go in a request body, never in a path, and a field may be given by its name: hostile text is either
     * refused (blank) or looked up as a name in the table's schema, the one request it can cause, and nothing is run.
     */
    @Test
    void hostileFieldNamesNeverReachAPathAndRunNothing() {
        clay.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v3/tables/t_abc").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"table\":{\"id\":\"t_abc\",\"fields\":"
                        + "[{\"id\":\"f_a\",\"name\":\"A\",\"type\":\"action\"}],\"views\":[]}}")));
        for (String hostile : HOSTILE) {
            ToolResponse answer = call(client, "run_enrichment", args("tableId", "t_abc", "viewId", "gv_v1",
                    "fieldIds", java.util.List.of(hostile), "numRecords", 1));
            assertTrue(answer.isError(), hostile);
            assertTrue(text(answer).startsWith("Invalid argument fieldIds"), text(answer));
        }
        clay.getAllServeEvents().forEach(e -> assertEquals("GET /v3/tables/t_abc",
                e.getRequest().getMethod() + " " + e.getRequest().getUrl(), "only the schema was read"));
    }

    /** A record id is free-form, so it is sent, but always as exactly one encoded segment. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a/b|a%2Fb",
            "../../records|..%2F..%2Frecords",
            "r?x=1|r%3Fx%3D1",
            "r#frag|r%23frag",
            "r%2F..|r%252F..",
            "r 1|r%201",
            "ünï©ødé|%C3%BCn%C3%AF%C2%A9%C3%B8d%C3%A9",
            "rec_1.2~x|rec_1.2~x",
            "...|..." })
    void recordIdsTravelAsOneEncodedSegment(String recordId, String expectedSegment) {
        clay.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        ToolResponse answer = call(client, "delete_row", args("tableId", "t_abc", "recordId", recordId));

        assertFalse(answer.isError(), text(answer));
        assertEquals(1, clay.getAllServeEvents().size());
        var request = clay.getAllServeEvents().get(0).getRequest();
        assertEquals("DELETE", request.getMethod().getName());
        assertEquals("/v3/tables/t_abc/records/" + expectedSegment, request.getUrl());
    }
}

package dev.claymcp.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.claymcp.support.Mcp.args;
import static dev.claymcp.support.Mcp.call;
import static dev.claymcp.support.Mcp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayStub;
import dev.claymcp.support.ClayStub.InjectCookieFile;
import dev.claymcp.support.ClayToolTest;

/** A refreshed cookie file takes effect on the next call, without a restart. */
@QuarkusTest
@WithTestResource(value = ClayStub.class, initArgs = @ResourceArg(name = "cookieFile", value = "true"))
class CookieFileRotationTest extends ClayToolTest {

    @InjectCookieFile
    Path cookieFile;

    private String lastCookieSent() {
        var events = clay.getAllServeEvents();
        return events.get(0).getRequest().getHeader("Cookie"); // newest first
    }

    @Test
    void theNextCallUsesTheRotatedCookie() throws IOException {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":1}")));
        Files.writeString(cookieFile, "claysession=" + Canary.COOKIE + "\n");
        Files.setLastModifiedTime(cookieFile, FileTime.from(Instant.now().minusSeconds(60)));

        assertFalse(call(client, "count_rows", args("tableId", "t_abc")).isError());
        assertEquals("claysession=" + Canary.COOKIE, lastCookieSent());

        Files.writeString(cookieFile, "rotated-" + Canary.COOKIE + "\n");
        Files.setLastModifiedTime(cookieFile, FileTime.from(Instant.now()));

        assertFalse(call(client, "count_rows", args("tableId", "t_abc")).isError());
        assertEquals("claysession=rotated-" + Canary.COOKIE, lastCookieSent());
    }

    @Test
    void aRejectedCookieNamesTheFileItCameFrom() throws IOException {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(401)));

        String message = text(call(client, "count_rows", args("tableId", "t_abc")));

        assertTrue(message.contains("the cookie came from CLAY_SESSION_COOKIE_FILE (" + cookieFile + "), loaded at "),
                message);
        assertFalse(message.contains(Canary.COOKIE));
    }

    @Test
    void anUnreadableCookieFileIsAClearErrorAndNothingIsSent() throws IOException {
        Files.writeString(cookieFile, "  \n");
        Files.setLastModifiedTime(cookieFile, FileTime.from(Instant.now().plusSeconds(5)));
        try {
            var answer = call(client, "count_rows", args("tableId", "t_abc"));
            assertTrue(answer.isError());
            assertTrue(text(answer).contains("is empty"), text(answer));
            assertNothingReachedClay();
        } finally {
            Files.writeString(cookieFile, Canary.COOKIE);
            Files.setLastModifiedTime(cookieFile, FileTime.from(Instant.now().plusSeconds(10)));
        }
    }
}

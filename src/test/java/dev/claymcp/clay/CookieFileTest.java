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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.Canary;
import dev.claymcp.support.ClayStub.InjectCookieFile;
import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.Profiles;

/**
 * CLAY_SESSION_COOKIE_FILE names a file that did not exist when the server started: start-up went ahead, calls say
 * how to create the file, and every change to it takes effect on the next call, without a restart.
 */
@QuarkusTest
@TestProfile(Profiles.CookieFile.class)
class CookieFileTest extends ClayToolTest {

    @InjectCookieFile
    Path cookieFile;

    private static long version = 0;

    /** Writes the file with a new modification time, so the server sees a change even within one clock tick. */
    private void write(String content) throws IOException {
        Files.deleteIfExists(cookieFile);
        Files.writeString(cookieFile, content);
        Files.setLastModifiedTime(cookieFile, FileTime.from(Instant.now().plusSeconds(++version)));
    }

    private String lastCookieSent() {
        return clay.getAllServeEvents().get(0).getRequest().getHeader("Cookie"); // newest first
    }

    @Test
    void aMissingFileIsExplainedAndNothingIsSent() throws IOException {
        Files.deleteIfExists(cookieFile);

        var count = call(client, "count_rows", args("tableId", "t_abc"));
        var add = call(client, "add_rows", args("tableId", "t_abc", "rows", List.of(Map.of("id", "a"))));

        assertTrue(count.isError());
        assertEquals("The cookie file named by CLAY_SESSION_COOKIE_FILE (" + cookieFile + ") does not exist yet, so "
                + "nothing was sent to Clay. Write the value of your claysession cookie into that file; the next call "
                + "reads it, no restart needed.", text(count));
        assertTrue(add.isError());
        assertTrue(text(add).endsWith("0 of 1 rows were added. NOT added: row 0 (id a); send only it again."), text(add));
        assertEquals(0, ((JsonObject) add.structuredContent()).getInteger("uncertain"));
        assertNothingReachedClay();
    }

    @Test
    void theFileIsReadWhenItAppearsAndReReadWhenItChanges() throws IOException {
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":1}")));

        write("claysession=" + Canary.COOKIE + "\n");
        assertFalse(call(client, "count_rows", args("tableId", "t_abc")).isError());
        assertEquals("claysession=" + Canary.COOKIE, lastCookieSent());

        write("rotated-" + Canary.COOKIE + "\n");
        assertFalse(call(client, "count_rows", args("tableId", "t_abc")).isError());
        assertEquals("claysession=rotated-" + Canary.COOKIE, lastCookieSent());
    }

    @Test
    void aFileThatCannotGiveACookieSaysWhyInPlainWords() throws IOException {
        for (var c : Map.of("  \n", "is empty",
                "paste the value of your claysession cookie here", "is still the example's placeholder text",
                Canary.COOKIE + "; other=1", "holds a space, a line break, a control character or ';'").entrySet()) {
            write(c.getKey());
            var answer = call(client, "count_rows", args("tableId", "t_abc"));
            assertTrue(answer.isError());
            assertTrue(text(answer).startsWith("The cookie file named by CLAY_SESSION_COOKIE_FILE (" + cookieFile + ") "
                    + c.getValue() + ", so nothing was sent to Clay."), text(answer));
            assertFalse(Canary.leaksIn(text(answer)));
        }
        Files.deleteIfExists(cookieFile);
        Files.createDirectory(cookieFile);
        try {
            String message = text(call(client, "count_rows", args("tableId", "t_abc")));
            assertTrue(message.contains(") is a directory, not a file, so nothing was sent to Clay."), message);
            assertFalse(message.contains("Exception"), message);
        } finally {
            Files.delete(cookieFile);
        }
        assertNothingReachedClay();
    }

    @Test
    void aRejectedCookieNamesTheFileItCameFrom() throws IOException {
        write(Canary.COOKIE);
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(401)));

        String message = text(call(client, "count_rows", args("tableId", "t_abc")));

        assertTrue(message.contains("the cookie came from CLAY_SESSION_COOKIE_FILE (" + cookieFile + "), loaded at "),
                message);
        assertFalse(Canary.leaksIn(message));
    }
}

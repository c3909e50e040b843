package dev.claymcp.clay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.claymcp.support.Canary;
import dev.claymcp.support.StdioSession;
import dev.claymcp.support.StdioSession.Answer;

/**
 * CLAY_SESSION_COOKIE_FILE names a file that does not exist when the server starts: start-up goes ahead, calls say
 * how to create the file (and add_rows reports its rows as not added, since nothing was sent), and every change to
 * the file takes effect on the next call, without a restart; a file that cannot give a cookie says why in plain words.
 */
class CookieFileIT {

    @RegisterExtension
    static WireMockExtension clay = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private long version;

    /** Writes the file with a new modification time, so the server sees a change even within one clock tick. */
    private void write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(++version)));
    }

    @Test
    void aCookieFileCanAppearChangeAndBreakWhileTheServerRuns() throws IOException {
        Path file = dir.resolve("cookie.txt");
        clay.stubFor(get("/v3/tables/t_abc/count").willReturn(okJson("{\"count\":1}")));
        try (StdioSession session = StdioSession.start(Map.of("CLAY_SESSION_COOKIE_FILE", file.toString(),
                "CLAY_API_URL", clay.baseUrl()))) {
            String missing = "The cookie file named by CLAY_SESSION_COOKIE_FILE (" + file + ") does not exist yet, so "
                    + "nothing was sent to Clay. Write the value of your claysession cookie into that file; the next call "
                    + "reads it, no restart needed.";
            assertEquals(missing, session.call("count_rows", args("tableId", "t_abc")).text());
            Answer add = session.call("add_rows", args("tableId", "t_abc", "rows", List.of(Map.of("id", "a"))));
            assertTrue(add.text().endsWith("0 of 1 rows were added. NOT added: row 0 (id a); send only it again."),
                    add.text());
            assertEquals(0, add.structured().getInteger("uncertain"));
            assertTrue(clay.getAllServeEvents().isEmpty(), "nothing reached Clay");

            write(file, "claysession=" + Canary.COOKIE + "\n");
            assertFalse(session.call("count_rows", args("tableId", "t_abc")).isError());
            assertEquals("claysession=" + Canary.COOKIE, clay.getAllServeEvents().get(0).getRequest().getHeader("Cookie"));

            write(file, "rotated-" + Canary.COOKIE + "\n");
            assertFalse(session.call("count_rows", args("tableId", "t_abc")).isError());
            assertEquals("claysession=rotated-" + Canary.COOKIE,
                    clay.getAllServeEvents().get(0).getRequest().getHeader("Cookie")); // newest first

            Map<String, String> broken = new LinkedHashMap<>();
            broken.put("  \n", "is empty");
            broken.put("paste the value of your claysession cookie here", "is still the example's placeholder text");
            broken.put(Canary.COOKIE + "; other=1", "holds a space, a line break, a control character or ';'");
            for (var c : broken.entrySet()) {
                write(file, c.getKey());
                Answer answer = session.call("count_rows", args("tableId", "t_abc"));
                assertTrue(answer.text().startsWith("The cookie file named by CLAY_SESSION_COOKIE_FILE (" + file + ") "
                        + c.getValue() + ", so nothing was sent to Clay."), answer.text());
            }
            Files.delete(file);
            Files.createDirectory(file);
            Answer directory = session.call("count_rows", args("tableId", "t_abc"));
            assertTrue(directory.text().contains(") is a directory, not a file, so nothing was sent to Clay."),
                    directory.text());
            assertFalse(directory.text().contains("Exception"), directory.text());
            Files.delete(file);

            write(file, Canary.COOKIE);
            clay.stubFor(get("/v3/tables/t_abc/count").willReturn(aResponse().withStatus(401)));
            Answer rejected = session.call("count_rows", args("tableId", "t_abc"));
            assertTrue(rejected.text().contains("the cookie came from CLAY_SESSION_COOKIE_FILE (" + file + "), loaded at "),
                    rejected.text());
            assertFalse(Canary.leaksIn(session.server().stderr() + String.join("\n", session.server().stdout())));
        }
    }
}

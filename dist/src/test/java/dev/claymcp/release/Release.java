package dev.claymcp.release;

import static dev.claymcp.support.Mcp.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

import dev.claymcp.support.StdioSession;
import dev.claymcp.support.StdioSession.Answer;

/** What the release tests share: where the build put the artifacts, and what a working server does. */
final class Release {

    static final List<String> TOOLS = List.of("add_rows", "add_webhook_source", "count_rows", "delete_all_rows",
            "delete_row", "delete_source", "enrichment_status", "get_table", "list_record_ids", "list_sources",
            "list_tables", "read_rows", "run_enrichment");

    private Release() {
    }

    static String version() {
        return System.getProperty("build.version");
    }

    static Path file(String property) {
        Path path = Path.of(System.getProperty(property));
        assertTrue(Files.isRegularFile(path), "build the release first (./mvnw -Prelease package): " + path);
        return path;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * What someone trying the server first sees, over a session already initialized: its name and version, the
     * nine tools, and a sandbox table that takes rows and counts them. Stdout carried nothing but protocol.
     */
    static void assertServesInSandbox(StdioSession session) {
        JsonObject info = session.initResult().getJsonObject("serverInfo");
        assertEquals("clay-mcp-server", info.getString("name"), info.encode());
        assertEquals(version(), info.getString("version"), info.encode());
        assertEquals(TOOLS, session.toolNames());

        Answer added = session.call("add_rows", args("tableId", "t_release", "rows",
                List.of(Map.of("cells", Map.of("f_name", "Ada")), Map.of("cells", Map.of("f_name", "Grace")))));
        assertFalse(added.isError(), added.text());
        assertEquals(2, added.structured().getInteger("added"), added.text());
        Answer counted = session.call("count_rows", args("tableId", "t_release"));
        assertFalse(counted.isError(), counted.text());
        assertEquals(2, counted.structured().getInteger("count"), counted.text());

        for (String line : session.server().stdout()) {
            assertEquals("2.0", new JsonObject(line).getString("jsonrpc"), line);
        }
    }
}

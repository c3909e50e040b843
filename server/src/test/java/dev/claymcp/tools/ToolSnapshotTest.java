package dev.claymcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.support.ClayToolTest;
import dev.claymcp.support.LineDiff;
import dev.claymcp.support.Profiles;

/**
 * Pins each tool's public definition (name, title, description, annotations, input and output schema) to
 * {@code src/test/resources/toolsnaps/<tool>.json}. Agents depend on these, so a change must be deliberate: run with
 * {@code -Dtoolsnaps.update=true}, review the diff, and commit the snapshots with the change.
 */
@QuarkusTest
@TestProfile(Profiles.Standard.class)
class ToolSnapshotTest extends ClayToolTest {

    static final Path SNAPSHOTS = Path.of("src/test/resources/toolsnaps");
    static final List<String> TOOLS = List.of("add_rows", "add_webhook_source", "count_rows", "delete_all_rows",
            "delete_row", "delete_source", "enrichment_status", "get_table", "list_record_ids", "list_sources",
            "list_tables", "read_rows", "run_enrichment");

    @Test
    void everyToolMatchesItsSnapshot() throws IOException {
        JsonArray tools = listTools();
        Set<String> names = new TreeSet<>();
        boolean update = Boolean.getBoolean("toolsnaps.update");
        StringBuilder changed = new StringBuilder();
        for (int i = 0; i < tools.size(); i++) {
            JsonObject tool = tools.getJsonObject(i);
            String name = tool.getString("name");
            names.add(name);
            String actual = tool.encodePrettily() + "\n";
            Path file = SNAPSHOTS.resolve(name + ".json");
            if (update) {
                Files.createDirectories(SNAPSHOTS);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } else if (!Files.exists(file)) {
                changed.append("\n- ").append(name).append(": no snapshot");
            } else if (!new JsonObject(Files.readString(file)).equals(tool)) {
                changed.append("\n").append(name).append(" differs from ").append(file).append(" (- snapshot, + now):\n")
                        .append(LineDiff.of(new JsonObject(Files.readString(file)).encodePrettily(), tool.encodePrettily()));
            }
        }
        assertEquals(new TreeSet<>(TOOLS), names, "the set of tools");
        if (!changed.isEmpty()) {
            fail("Tool definitions changed; if intended, run with -Dtoolsnaps.update=true and commit:" + changed);
        }
    }

    /** The whole tools/list answer is read into the model's context on every conversation: keep it small. */
    @Test
    void theToolListFitsInTenKilobytesOfCompactJson() {
        AtomicReference<JsonObject> result = new AtomicReference<>();
        client.when().message(client.newRequest("tools/list"))
                .withAssert(r -> result.set(r.getJsonObject("result"))).send().thenAssertResults();
        int bytes = result.get().encode().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("tools/list answer: " + bytes + " bytes of compact JSON");
        assertTrue(bytes <= 10240, "tools/list is " + bytes + " bytes");
    }

    @Test
    void everyToolDeclaresAllFourAnnotationsATitleAndAnOutputSchema() {
        JsonArray tools = listTools();
        for (int i = 0; i < tools.size(); i++) {
            JsonObject tool = tools.getJsonObject(i);
            JsonObject annotations = tool.getJsonObject("annotations");
            for (String hint : List.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")) {
                assertTrue(annotations.containsKey(hint), tool.getString("name") + " declares " + hint);
            }
            assertTrue(annotations.getBoolean("openWorldHint"));
            assertTrue(!tool.getString("title", "").isBlank(), tool.getString("name"));
            // strict clients (the TypeScript SDK among them) refuse a whole tool list over one null title
            assertEquals(tool.getString("title"), annotations.getString("title"), tool.getString("name"));
            assertEquals("object", tool.getJsonObject("outputSchema").getString("type"), tool.getString("name"));
            assertTrue(!tool.encode().contains("$ref") && !tool.encode().contains("$defs"),
                    tool.getString("name") + " has a tree-shaped schema");
        }
    }

    private JsonArray listTools() {
        AtomicReference<JsonArray> tools = new AtomicReference<>();
        client.when().message(client.newRequest("tools/list"))
                .withAssert(r -> tools.set(r.getJsonObject("result").getJsonArray("tools")))
                .send().thenAssertResults();
        return tools.get();
    }
}

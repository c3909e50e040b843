package dev.claymcp.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.vertx.core.json.JsonObject;

/** Small conveniences over McpAssured for tests that look at one tool answer at a time. */
public final class Mcp {

    private Mcp() {
    }

    public static McpStreamableTestClient client() {
        return McpAssured.newConnectedStreamableClient();
    }

    /** Calls a tool and returns what the client received. */
    public static ToolResponse call(McpStreamableTestClient client, String tool, Map<String, Object> arguments) {
        AtomicReference<ToolResponse> answer = new AtomicReference<>();
        client.when().toolsCall(tool).withArguments(arguments).withAssert(answer::set).send().thenAssertResults();
        return answer.get();
    }

    /** All text content of an answer, joined. */
    public static String text(ToolResponse response) {
        return response.content().stream().map(c -> ((TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    /** The structured content, checked to equal the JSON text block (compatibility mode). */
    public static JsonObject structured(ToolResponse response) {
        JsonObject structured = (JsonObject) response.structuredContent();
        if (structured == null) {
            throw new AssertionError("no structuredContent in " + text(response));
        }
        JsonObject fromText = new JsonObject(text(response));
        if (!fromText.equals(structured)) {
            throw new AssertionError("text block " + fromText + " differs from structuredContent " + structured);
        }
        return structured;
    }

    public static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}

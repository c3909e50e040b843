package dev.claymcp.tools;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.Audited;
import dev.claymcp.policy.ClayTool;

@ClayTool
public class AddWebhookSourceTool {

    private final ClayTables clay;

    public AddWebhookSourceTool(ClayTables clay) {
        this.clay = clay;
    }

    /** {@code webhookUrl} and {@code sourceId} are picked out of Clay's answer, null when it does not hold them. */
    public record Result(String tableId, String name, @Nullable String webhookUrl, @Nullable String sourceId,
            JsonNode upstream)
            implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            return sourceId == null ? Map.of() : Map.of("sourceId", sourceId);
        }
    }

    @Tool(name = "add_webhook_source", title = "Add a webhook source",
            description = """
                    Adds a webhook source; each JSON object POSTed to its webhookUrl becomes a row. Each call makes a \
                    new one: check list_sources first.""",
            annotations = @Annotations(title = "Add a webhook source", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true)
    Result addWebhookSource(String tableId,
            @ToolArg(description = "The number in app.clay.com/workspaces/<id>") String workspaceId,
            String name,
            Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        String workspace = ToolArgs.workspaceId(workspaceId);
        String sourceName = ToolArgs.name("name", name);
        JsonNode upstream = clay.addWebhookSource(table, workspace, sourceName);
        JsonNode source = findSource(upstream, sourceName);
        String sourceId = source == null ? null : source.path("id").asText(null);
        String url = findWebhookUrl(source);
        if (url == null) {
            url = findWebhookUrl(upstream);
        }
        return new Result(table, sourceName, url, sourceId, upstream);
    }

    /** The object describing the new source: one with an {@code s_} id, preferring the one carrying our name. */
    static JsonNode findSource(JsonNode answer, String name) {
        JsonNode first = null;
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(answer);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node == null) {
                continue;
            }
            if (node.isObject() && node.path("id").asText("").startsWith("s_")) {
                if (name.equals(node.path("name").asText(null))) {
                    return node;
                }
                if (first == null) {
                    first = node;
                }
            }
            if (node.isContainerNode()) {
                node.forEach(todo::addLast);
            }
        }
        return first;
    }

    /** The first http(s) URL held under a key naming a URL, searched breadth-first. */
    static String findWebhookUrl(JsonNode answer) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        if (answer != null) {
            todo.add(answer);
        }
        while (!todo.isEmpty()) {
            JsonNode node = todo.poll();
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String value = field.getValue().asText("");
                    if (field.getValue().isTextual() && field.getKey().toLowerCase().contains("url")
                            && (value.startsWith("https://") || value.startsWith("http://"))) {
                        return value;
                    }
                }
            }
            if (node.isContainerNode()) {
                node.forEach(todo::add);
            }
        }
        return null;
    }
}

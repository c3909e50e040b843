package dev.claymcp.tools;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
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

    @Tool(name = "add_webhook_source", title = "Add a webhook source to a Clay table",
            description = """
                    Adds a webhook data source to a Clay table and returns its webhook URL: any system (Zapier, \
                    Make, a script) can then POST JSON objects to that URL and each becomes a row. Each call creates \
                    a new webhook, so do not call it twice for the same purpose; check list_sources first. Never \
                    retried automatically. Spends no credits by itself. tableId looks like t_0t1yWmK8PvPQ; \
                    workspaceId is the number in app.clay.com/workspaces/<workspaceId>/…; name labels the source.""",
            annotations = @Annotations(title = "Add a webhook source to a Clay table", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true),
            structuredContent = true)
    Result addWebhookSource(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "Workspace id: the number in app.clay.com/workspaces/<workspaceId>/") String workspaceId,
            @ToolArg(description = "Name of the new webhook source, e.g. \"Leads from Zapier\"") String name) {
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

package dev.claymcp.tools;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.Audited;
import dev.claymcp.policy.ClayTool;
import dev.claymcp.policy.HumanConfirmation;

@ClayTool
public class DeleteSourceTool {

    private final ClayTables clay;
    private final HumanConfirmation confirmation;

    public DeleteSourceTool(ClayTables clay, HumanConfirmation confirmation) {
        this.clay = clay;
        this.confirmation = confirmation;
    }

    public record Result(String tableId, String sourceId, boolean deleted) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            return Map.of("deleted", 1);
        }
    }

    @Tool(name = "delete_source", title = "Delete a source",
            description = """
                    Permanently removes a source (from list_sources): a webhook stops taking data, its rows stay.""",
            annotations = @Annotations(title = "Delete a source", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result deleteSource(String tableId,
            String sourceId,
            Elicitation elicitation, Cancellation cancellation, McpConnection connection) {
        String table = ToolArgs.tableId(tableId);
        String source = ToolArgs.sourceId(sourceId);
        if (confirmation.willAsk(elicitation)) {
            confirmation.confirm(elicitation, "Delete the source " + describe(table, source) + " from Clay table "
                    + table + "? A deleted webhook stops accepting data. This cannot be undone.");
        }
        clay.deleteSource(table, source);
        return new Result(table, source, true);
    }

    /** The source's name, when Clay tells it, so the human knows what they confirm. */
    private String describe(String table, String source) {
        try {
            JsonNode sources = clay.sources(table);
            for (JsonNode s : sources.isArray() ? sources : sources.path("sources")) {
                if (source.equals(s.path("id").asText())) {
                    return "'" + s.path("name").asText(source) + "' (" + source + ")";
                }
            }
        } catch (ClayException e) {
            // the question still names the id; the delete itself reports any real failure
        }
        return source;
    }
}

package dev.claymcp.tools;

import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.policy.HumanConfirmation;
import dev.claymcp.policy.PolicyGuarded;

@Singleton
@PolicyGuarded
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

    @Tool(name = "delete_source", title = "Delete a data source from a Clay table",
            description = """
                    Permanently removes a data source (webhook, import, integration) from a Clay table; a removed \
                    webhook URL stops accepting data. Rows it already brought in stay. Get the source id from \
                    list_sources. When the client supports it, the user is asked to confirm first. Spends no Clay \
                    credits. tableId looks like t_0t1yWmK8PvPQ, sourceId like s_0t1yWmVcX3Pe.""",
            annotations = @Annotations(title = "Delete a data source from a Clay table", readOnlyHint = false,
                    destructiveHint = true, idempotentHint = true, openWorldHint = true),
            structuredContent = true)
    Result deleteSource(@ToolArg(description = "Table id, like t_0t1yWmK8PvPQ") String tableId,
            @ToolArg(description = "Source id, like s_0t1yWmVcX3Pe, from list_sources") String sourceId,
            Elicitation elicitation) {
        String table = ToolArgs.tableId(tableId);
        String source = ToolArgs.sourceId(sourceId);
        if (elicitation != null && elicitation.isSupported()) {
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

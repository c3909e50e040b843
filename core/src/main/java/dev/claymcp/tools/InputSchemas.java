package dev.claymcp.tools;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.GlobalInputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager.ToolArgument;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.claymcp.config.ClayConfig;

/**
 * The input schema of every tool, built from the same constants its checks use ({@link ToolArgs}, the tools' limits
 * and the configured caps), so a model is told exactly the rules that are enforced. An argument without a rule here
 * stops the server at start-up rather than going out undescribed. Schemas are built once per tool.
 */
@Singleton
public class InputSchemas implements GlobalInputSchemaGenerator {

    private final Map<String, JsonObject> schemas = new ConcurrentHashMap<>();
    private final int maxRows;
    private final int maxNumRecords;

    public InputSchemas(ClayConfig config) {
        this.maxRows = config.addRows().maxRows();
        this.maxNumRecords = Math.min(RunEnrichmentTool.MAX_NUM_RECORDS,
                config.maxEnrichRecords().orElse(RunEnrichmentTool.MAX_NUM_RECORDS));
    }

    private record Schema(JsonObject value) implements InputSchema {
        @Override
        public String asJson() {
            return value.encode();
        }
    }

    @Override
    public InputSchema generate(ToolInfo tool) {
        return new Schema(schemas.computeIfAbsent(tool.name(), name -> build(tool)));
    }

    private JsonObject build(ToolInfo tool) {
        JsonObject properties = new JsonObject();
        JsonArray required = new JsonArray();
        for (ToolArgument argument : tool.arguments()) {
            JsonObject property = rule(tool.name(), argument.name());
            if (argument.description() != null && !argument.description().isBlank()) {
                property = new JsonObject().put("description", argument.description()).mergeIn(property);
            }
            properties.put(argument.name(), property);
            if (argument.required()) {
                required.add(argument.name());
            }
        }
        return new JsonObject().put("type", "object").put("properties", properties).put("required", required);
    }

    private JsonObject rule(String tool, String argument) {
        return switch (argument) {
            case "tableId", "viewId", "sourceId", "workspaceId" -> id();
            case "recordId" -> recordId();
            case "confirm" -> type("string");
            case "name", "nameContains" -> type("string").put("minLength", 1).put("maxLength", ToolArgs.MAX_NAME_LENGTH);
            case "fieldIds" -> fields().put("minItems", 1);
            case "fields" -> fields();
            case "recordIds" -> type("array").put("items", recordId()).put("minItems", 1)
                    .put("maxItems", ReadRowsTool.MAX_LIMIT);
            case "offset" -> type("integer").put("minimum", 0);
            case "limit" -> tool.equals("read_rows")
                    ? type("integer").put("minimum", 1).put("maximum", ReadRowsTool.MAX_LIMIT)
                            .put("default", ReadRowsTool.DEFAULT_LIMIT)
                    : type("integer").put("minimum", 1).put("maximum", ListRecordIdsTool.MAX_LIMIT)
                            .put("default", ListRecordIdsTool.DEFAULT_LIMIT);
            case "numRecords" -> type("integer").put("minimum", 1).put("maximum", maxNumRecords);
            case "allRecords" -> type("boolean");
            case "waitSeconds" -> type("integer").put("minimum", 0).put("maximum", EnrichmentStatusTool.MAX_WAIT_SECONDS);
            case "rows" -> type("array").put("minItems", 1).put("maxItems", maxRows).put("items", type("object")
                    .put("properties", new JsonObject()
                            .put("id", recordId())
                            .put("cells", type("object").put("propertyNames", fieldName())))
                    .put("additionalProperties", false));
            default -> throw new IllegalStateException("No input schema rule for argument '" + argument + "' of tool "
                    + tool + ": add one to InputSchemas, next to the check that enforces it.");
        };
    }

    /** A field id (f_…) or a field's exact name. */
    private static JsonObject fieldName() {
        return type("string").put("maxLength", ToolArgs.MAX_NAME_LENGTH);
    }

    private static JsonObject fields() {
        return type("array").put("items", fieldName()).put("maxItems", ToolArgs.MAX_FIELD_IDS);
    }

    private static JsonObject id() {
        return type("string").put("pattern", ToolArgs.ID_PATTERN);
    }

    private static JsonObject recordId() {
        return type("string").put("minLength", 1).put("maxLength", ToolArgs.MAX_RECORD_ID_LENGTH);
    }

    private static JsonObject type(String type) {
        return new JsonObject().put("type", type);
    }
}

package dev.claymcp.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * Arguments that satisfy a tool's published input schema (its required arguments only), made from the schema itself,
 * so tests that must call every tool need no list kept by hand.
 */
public final class SampleArguments {

    private SampleArguments() {
    }

    public static Map<String, Object> forSchema(JsonObject inputSchema) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        JsonObject properties = inputSchema.getJsonObject("properties", new JsonObject());
        for (Object name : inputSchema.getJsonArray("required", new io.vertx.core.json.JsonArray())) {
            arguments.put((String) name, sample(properties.getJsonObject((String) name)));
        }
        return arguments;
    }

    private static Object sample(JsonObject schema) {
        String type = schema.getString("type", "string");
        return switch (type) {
            case "integer", "number" -> schema.getValue("minimum", 1);
            case "boolean" -> false;
            case "array" -> List.of(sample(schema.getJsonObject("items", new JsonObject())));
            case "object" -> Map.of();
            default -> "t_abc";
        };
    }
}

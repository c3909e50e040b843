package dev.claymcp.tools;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.GlobalOutputSchemaGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The output schema of every tool, read off its result record once and then reused. The schemas tell the truth about
 * the results: a field holding Clay's own answer ({@link JsonNode}) may be any JSON value, and a field marked
 * {@link Nullable} may be null, so clients that validate structured content accept real answers. Results are records
 * of strings, whole numbers, booleans, lists and Clay's JSON, which is all this needs to know (and spares the server a
 * general schema generator at start-up).
 */
@Singleton
public class OutputSchemas implements GlobalOutputSchemaGenerator {

    private final Map<Class<?>, JsonObject> schemas = new ConcurrentHashMap<>();

    @Override
    public Object generate(Class<?> from) {
        return schemas.computeIfAbsent(from, OutputSchemas::record);
    }

    static JsonObject record(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException("A tool result must be a record: " + type.getName());
        }
        JsonObject properties = new JsonObject();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonObject schema = schema(component.getGenericType(), type);
            if (component.isAnnotationPresent(Nullable.class) && schema.containsKey("type")) {
                schema.put("type", new JsonArray().add(schema.getString("type")).add("null"));
            }
            properties.put(component.getName(), schema);
        }
        return new JsonObject().put("type", "object").put("properties", properties);
    }

    private static JsonObject schema(Type type, Class<?> owner) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return new JsonObject().put("type", "array").put("items", schema(list.getActualTypeArguments()[0], owner));
        }
        if (type == String.class) {
            return new JsonObject().put("type", "string");
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return new JsonObject().put("type", "integer");
        }
        if (type == boolean.class || type == Boolean.class) {
            return new JsonObject().put("type", "boolean");
        }
        if (type instanceof Class<?> c && JsonNode.class.isAssignableFrom(c)) {
            return new JsonObject(); // Clay's answer, as it came: any JSON value
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return record(c);
        }
        throw new IllegalStateException("No output schema for " + type.getTypeName() + " in " + owner.getName());
    }
}

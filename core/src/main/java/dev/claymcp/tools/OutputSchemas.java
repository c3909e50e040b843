package dev.claymcp.tools;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.mcp.server.GlobalOutputSchemaGenerator;
import io.vertx.core.json.JsonObject;

/**
 * The output schema of every tool, read off its result record once and then reused. The schemas tell the truth about
 * the results: a field holding Clay's own answer ({@link JsonNode}) may be any JSON value, and so may a field marked
 * {@link Nullable}, which may be null, so clients that validate structured content accept real answers. Results are records
 * of strings, whole numbers, booleans, lists, maps keyed by text and Clay's JSON, which is all this needs to know (and spares the server a
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
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                continue; // never in the answer
            }
            // a field that may be null admits any value: what it holds when not null the field's name and the tool's
            // description say, and the list of tools stays small enough to read on every conversation
            JsonObject schema = component.isAnnotationPresent(Nullable.class) ? new JsonObject()
                    : schema(component.getGenericType(), type);
            properties.put(component.getName(), schema);
        }
        return new JsonObject().put("type", "object").put("properties", properties);
    }

    private static JsonObject schema(Type type, Class<?> owner) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return new JsonObject().put("type", "array").put("items", element(list.getActualTypeArguments()[0], owner));
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class
                && map.getActualTypeArguments()[0] == String.class) {
            return new JsonObject().put("type", "object")
                    .put("additionalProperties", element(map.getActualTypeArguments()[1], owner));
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

    /**
     * An element of a list or map: a record there is said to be an object, no more (its fields are the tool
     * description's to tell), which keeps the whole tool list small; anything else as everywhere.
     */
    private static JsonObject element(Type type, Class<?> owner) {
        return type instanceof Class<?> c && c.isRecord() ? new JsonObject().put("type", "object") : schema(type, owner);
    }
}

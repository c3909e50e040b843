package dev.claymcp.tools;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

import io.quarkiverse.mcp.server.GlobalOutputSchemaGenerator;

/**
 * The output schema of every tool, generated from its result record once and then reused. The schemas tell the truth
 * about the results: a field holding Clay's own answer ({@link JsonNode}) may be any JSON value, and a field marked
 * {@link Nullable} may be null, so clients that validate structured content accept real answers.
 */
@Singleton
public class OutputSchemas implements GlobalOutputSchemaGenerator {

    private final SchemaGenerator generator;
    private final Map<Class<?>, JsonNode> schemas = new ConcurrentHashMap<>();

    public OutputSchemas() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON).without(Option.SCHEMA_VERSION_INDICATOR);
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> JsonNode.class
                .isAssignableFrom(type.getErasedType())
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode(),
                                CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO)
                        : null);
        builder.forFields().withNullableCheck(
                field -> field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null ? Boolean.TRUE : null);
        this.generator = new SchemaGenerator(builder.build());
    }

    @Override
    public Object generate(Class<?> from) {
        return schemas.computeIfAbsent(from, generator::generateSchema);
    }
}

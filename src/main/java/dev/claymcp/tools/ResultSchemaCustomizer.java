package dev.claymcp.tools;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;

import io.quarkiverse.mcp.server.runtime.SchemaGeneratorConfigCustomizer;

/**
 * Makes the output schemas tell the truth about our results: a field holding Clay's own answer ({@link JsonNode})
 * may be any JSON value, and a field marked {@link Nullable} may be null. Without this the generated schema says
 * "object" and "integer", and clients that validate structured content would reject real answers.
 */
@Singleton
public class ResultSchemaCustomizer implements SchemaGeneratorConfigCustomizer {

    @Override
    public void customize(SchemaGeneratorConfigBuilder builder) {
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> JsonNode.class
                .isAssignableFrom(type.getErasedType())
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode()
                                .put("description", "Clay's answer, as it came"),
                                CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO)
                        : null);
        builder.forFields().withNullableCheck(
                field -> field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null ? Boolean.TRUE : null);
    }
}

package dev.claymcp.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A result field that may be null: its output schema type admits null, so clients that validate
 * {@code structuredContent} against the schema accept it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD })
public @interface Nullable {
}

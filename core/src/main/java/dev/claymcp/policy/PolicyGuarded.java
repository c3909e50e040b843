package dev.claymcp.policy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Binds {@link ToolCallInterceptor}: policy, time budget, audit and error translation. Tool classes get it through
 * the {@link ClayTool} stereotype.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface PolicyGuarded {
}

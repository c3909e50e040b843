package dev.claymcp.policy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Singleton;

/**
 * Declares a class of MCP tools: a singleton bean whose every call goes through the server's policy
 * ({@link ToolCallInterceptor}). The server refuses to start when a class with an {@code @Tool} method lacks it
 * ({@link ToolRegistry}), so no tool can be added outside the policy.
 */
@Stereotype
@Singleton
@PolicyGuarded
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClayTool {
}

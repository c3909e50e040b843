package dev.claymcp.policy;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;

import dev.claymcp.config.StartupRefusal;

/**
 * The tools the server offers, taken from the MCP library's own registry and checked once at start-up: every tool
 * must be a method of a {@link ClayTool} class (so its calls pass {@link ToolCallInterceptor}) and must take
 * {@link Cancellation} and {@link McpConnection} (so a call can be stopped when the client cancels or goes away).
 * A tool that fails the check stops start-up; a tool registered programmatically, which no interceptor sees, is never
 * offered.
 */
@Singleton
public class ToolRegistry {

    /** A tool that passed the check, with what policy needs to know about it. */
    public record CheckedTool(String name, boolean readOnly) {
    }

    /** Providers, because the library's tool manager depends on the policy through {@link ToolListFilter}. */
    private final Provider<ToolManager> toolManager;
    private final BeanManager beans;
    private volatile Map<String, CheckedTool> checked;

    public ToolRegistry(Provider<ToolManager> toolManager, BeanManager beans) {
        this.toolManager = toolManager;
        this.beans = beans;
    }

    /** Every checked tool, by name; the check runs on first use, at start-up. */
    public Map<String, CheckedTool> tools() {
        Map<String, CheckedTool> c = checked;
        if (c == null) {
            synchronized (this) {
                if (checked == null) {
                    checked = check(toolManager.get(), beans);
                }
                c = checked;
            }
        }
        return c;
    }

    public boolean isChecked(String name) {
        return tools().containsKey(name);
    }

    private static Map<String, CheckedTool> check(ToolManager tools, BeanManager beans) {
        Map<String, Method> methods = toolMethods(beanClasses(beans));
        List<String> methodTools = new ArrayList<>();
        // a tool registered in code is not a method: no interceptor sees it, so it is never offered (ToolInventory)
        tools.forEach(info -> {
            if (info.isMethod()) {
                methodTools.add(info.name());
            }
        });
        List<String> problems = problems(methodTools, methods);
        if (!problems.isEmpty()) {
            throw new StartupRefusal("this build has tools outside the server's policy, so it will not start: "
                    + String.join("; ", problems) + ".");
        }
        Map<String, CheckedTool> map = new TreeMap<>();
        for (ToolInfo info : tools) {
            if (info.isMethod()) {
                map.put(info.name(), new CheckedTool(info.name(),
                        info.annotations().map(ToolManager.ToolAnnotations::readOnlyHint).orElse(false)));
            }
        }
        return Map.copyOf(map);
    }

    /**
     * What is wrong with the registry's method tools, in words for a developer; empty when all are guarded.
     *
     * @param methodTools names of the tools the library implements with a method
     * @param toolMethods the {@code @Tool} methods of the beans, by tool name
     */
    static List<String> problems(Collection<String> methodTools, Map<String, Method> toolMethods) {
        List<String> problems = new ArrayList<>();
        for (String name : methodTools) {
            Method method = toolMethods.get(name);
            if (method == null) {
                problems.add("tool " + name + " has no @Tool method on a bean");
                continue;
            }
            if (!isGuarded(method.getDeclaringClass())) {
                problems.add("tool " + name + " (" + method.getDeclaringClass().getName()
                        + ") must be declared in a class annotated @ClayTool");
            }
            List<Class<?>> parameters = List.of(method.getParameterTypes());
            if (!parameters.contains(Cancellation.class) || !parameters.contains(McpConnection.class)) {
                problems.add("tool " + name + " must take Cancellation and McpConnection parameters");
            }
        }
        return problems;
    }

    /** Whether calls of the class pass {@link ToolCallInterceptor}: the binding is on it, or on one of its stereotypes. */
    static boolean isGuarded(Class<?> type) {
        if (type.isAnnotationPresent(PolicyGuarded.class)) {
            return true;
        }
        for (Annotation a : type.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(jakarta.enterprise.inject.Stereotype.class)
                    && a.annotationType().isAnnotationPresent(PolicyGuarded.class)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Method> toolMethods(Collection<Class<?>> classes) {
        Map<String, Method> methods = new TreeMap<>();
        for (Class<?> type : classes) {
            for (Method m : type.getDeclaredMethods()) {
                Tool tool = m.getAnnotation(Tool.class);
                if (tool != null) {
                    methods.put(tool.name().isEmpty() ? m.getName() : tool.name(), m);
                }
            }
        }
        return methods;
    }

    private static Set<Class<?>> beanClasses(BeanManager beans) {
        Set<Class<?>> classes = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Tool.class))) {
                classes.add(type);
            }
        }
        return classes;
    }
}

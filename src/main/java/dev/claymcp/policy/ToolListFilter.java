package dev.claymcp.policy;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;

/**
 * Hides the tools {@link ToolPolicy} turned off from {@code tools/list}. Calls are let through to
 * {@link ToolCallInterceptor}, which refuses them with a message that says why, instead of the library's bare
 * "Invalid tool name".
 */
@Singleton
public class ToolListFilter implements ToolFilter {

    private final ToolPolicy policy;

    public ToolListFilter(ToolPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        return context.method() != McpMethod.TOOLS_LIST || policy.isEnabled(tool.name());
    }
}

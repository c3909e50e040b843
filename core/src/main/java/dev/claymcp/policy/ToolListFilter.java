package dev.claymcp.policy;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;

/**
 * The library's filter for every tool, in {@code tools/list} and {@code tools/call} alike, so it covers tools no
 * annotation reaches. Lists only the tools {@link ToolInventory} turned on. Lets a call through only to a tool the
 * start-up check saw, whose {@link ToolCallInterceptor} then refuses it with the reason if it is off; anything else
 * (say a tool registered programmatically) is refused by the library before any of its code runs.
 */
@Singleton
public class ToolListFilter implements ToolFilter {

    private final ToolInventory policy;

    public ToolListFilter(ToolInventory policy) {
        this.policy = policy;
    }

    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        if (context.method() == McpMethod.TOOLS_LIST) {
            return policy.isEnabled(tool.name());
        }
        return policy.mayReach(tool.name());
    }
}

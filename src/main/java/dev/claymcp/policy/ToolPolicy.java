package dev.claymcp.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.quarkus.runtime.StartupEvent;

import dev.claymcp.config.ClayConfig;

/**
 * Which tools this server offers, decided once from {@code CLAY_READ_ONLY}, {@code CLAY_TOOLS} and
 * {@code CLAY_EXCLUDE_TOOLS}. A tool that is off is neither listed nor callable. Whether a tool is read-only comes from
 * its own {@code readOnlyHint}, so the switch cannot drift from what clients are told.
 */
@Singleton
public class ToolPolicy {

    private final ClayConfig config;
    /** A provider, because the tool manager itself depends on this policy through {@link ToolListFilter}. */
    private final Provider<ToolManager> tools;
    private volatile Set<String> enabled;

    public ToolPolicy(ClayConfig config, Provider<ToolManager> tools) {
        this.config = config;
        this.tools = tools;
    }

    void onStart(@Observes StartupEvent event) {
        enabled();
    }

    public boolean isEnabled(String tool) {
        return enabled().contains(tool);
    }

    /** Why a tool is off, for the agent that called it anyway; empty when it is on. */
    public Optional<String> refusal(String tool) {
        if (isEnabled(tool)) {
            return Optional.empty();
        }
        String why;
        if (config.readOnly() && !readOnlyTools().contains(tool)) {
            why = "this server runs read-only (CLAY_READ_ONLY=true), so tools that change data are turned off";
        } else {
            why = "it is turned off in this server's configuration (CLAY_TOOLS / CLAY_EXCLUDE_TOOLS)";
        }
        return Optional.of("The tool " + tool + " is not available: " + why + ". Nothing was sent to Clay. Available "
                + "tools: " + String.join(", ", new TreeSet<>(enabled())) + ".");
    }

    private Set<String> enabled() {
        Set<String> e = enabled;
        if (e == null) {
            e = decide();
            enabled = e;
        }
        return e;
    }

    private Set<String> decide() {
        Set<String> all = new TreeSet<>();
        for (ToolInfo info : tools.get()) {
            all.add(info.name());
        }
        List<String> unknown = new ArrayList<>();
        Set<String> allowed = new LinkedHashSet<>(all);
        config.tools().ifPresent(l -> allowed.retainAll(names(l, all, unknown)));
        allowed.removeAll(config.excludeTools().map(l -> names(l, all, unknown)).orElse(List.of()));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown tool name(s) in CLAY_TOOLS / CLAY_EXCLUDE_TOOLS: "
                    + String.join(", ", unknown) + ". Valid names: " + String.join(", ", all) + ".");
        }
        if (config.readOnly()) {
            allowed.retainAll(readOnlyTools());
        }
        return Set.copyOf(allowed);
    }

    private Set<String> readOnlyTools() {
        Set<String> readOnly = new TreeSet<>();
        for (ToolInfo info : tools.get()) {
            if (info.annotations().map(a -> a.readOnlyHint()).orElse(false)) {
                readOnly.add(info.name());
            }
        }
        return readOnly;
    }

    private static List<String> names(List<String> configured, Set<String> all, List<String> unknown) {
        List<String> names = new ArrayList<>();
        for (String n : configured) {
            String name = n.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!all.contains(name)) {
                unknown.add(name);
            }
            names.add(name);
        }
        return names;
    }
}

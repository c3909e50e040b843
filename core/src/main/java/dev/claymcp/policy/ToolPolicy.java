package dev.claymcp.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.StartupRefusal;

/**
 * Which tools this server offers, decided once at start-up from the checked {@link ToolRegistry} and
 * {@code CLAY_READ_ONLY}, {@code CLAY_TOOLS} and {@code CLAY_EXCLUDE_TOOLS}. A tool that is off is neither listed nor
 * callable. Whether a tool is read-only comes from its own {@code readOnlyHint}, so the switch cannot drift from what
 * clients are told; a tool that is not in the checked registry is never offered.
 */
@Singleton
public class ToolPolicy {

    private final ClayConfig config;
    private final ToolRegistry registry;
    private volatile Set<String> enabled;

    public ToolPolicy(ClayConfig config, ToolRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        enabled();
    }

    public boolean isEnabled(String tool) {
        return enabled().contains(tool);
    }

    /**
     * Whether a call of this tool may reach its method: enabled tools, and checked tools that are off, whose method
     * {@link ToolCallInterceptor} refuses with the reason. Anything else (a tool the check never saw) is refused by
     * the library before any code of it runs.
     */
    public boolean mayReach(String tool) {
        return registry.isChecked(tool);
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
        Set<String> all = new TreeSet<>(registry.tools().keySet());
        List<String> unknown = new ArrayList<>();
        Set<String> allowed = new LinkedHashSet<>(all);
        config.tools().ifPresent(l -> allowed.retainAll(names(l, all, unknown)));
        allowed.removeAll(config.excludeTools().map(l -> names(l, all, unknown)).orElse(List.of()));
        if (!unknown.isEmpty()) {
            throw new StartupRefusal("unknown tool name(s) in CLAY_TOOLS / CLAY_EXCLUDE_TOOLS: "
                    + String.join(", ", unknown) + ". Valid names: " + String.join(", ", all) + ".");
        }
        if (config.readOnly()) {
            allowed.retainAll(readOnlyTools());
        }
        return Set.copyOf(allowed);
    }

    private Set<String> readOnlyTools() {
        Set<String> readOnly = new TreeSet<>();
        registry.tools().values().stream().filter(ToolRegistry.CheckedTool::readOnly)
                .forEach(t -> readOnly.add(t.name()));
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

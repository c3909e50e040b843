package dev.claymcp.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.StartupRefusal;

/**
 * Which tools this server offers: every tool of the build, by name, either on or off with the reason, decided once
 * from {@code CLAY_READ_ONLY}, {@code CLAY_TOOLS} and {@code CLAY_EXCLUDE_TOOLS}. The list filter ({@link
 * ToolListFilter}) and the call interceptor ({@link ToolCallInterceptor}) both read this one decision.
 * <p>
 * The decision is made from {@link #CATALOG}, so it can be made before Quarkus boots (the checks that run before any
 * answer, see {@code StartupChecks}); at boot the library's registry must hold exactly these tools with these hints,
 * or the server does not start ({@link #onStart}), so the catalog cannot drift from what clients are told.
 */
@Singleton
public class ToolInventory {

    /** Every tool of this build, with whether it only reads (its {@code readOnlyHint}). */
    public static final Map<String, Boolean> CATALOG = catalog();

    private static Map<String, Boolean> catalog() {
        Map<String, Boolean> tools = new LinkedHashMap<>();
        for (String name : List.of("list_tables", "get_table", "count_rows", "list_record_ids", "read_rows",
                "list_sources", "enrichment_status")) {
            tools.put(name, true);
        }
        for (String name : List.of("add_rows", "run_enrichment", "add_webhook_source", "delete_row", "delete_source",
                "delete_all_rows")) {
            tools.put(name, false);
        }
        return Collections.unmodifiableMap(tools);
    }

    /** Each tool of the catalog: empty when it is on, else why it is off. */
    private final Map<String, Optional<String>> decision;
    private final ToolRegistry registry;

    public ToolInventory(ClayConfig config, ToolRegistry registry) {
        this.registry = registry;
        this.decision = decide(config);
    }

    void onStart(@Observes StartupEvent event) {
        Map<String, Boolean> registered = new TreeMap<>();
        registry.tools().values().forEach(t -> registered.put(t.name(), t.readOnly()));
        if (!registered.equals(new TreeMap<>(CATALOG))) {
            throw new StartupRefusal("this build's tools (name=readOnly) " + registered + " differ from "
                    + "ToolInventory.CATALOG " + new TreeMap<>(CATALOG) + "; add the tool to the catalog");
        }
    }

    public boolean isEnabled(String tool) {
        return decision.getOrDefault(tool, Optional.of("unknown")).isEmpty();
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
        Optional<String> why = decision.getOrDefault(tool, Optional.of("this build has no such tool"));
        return why.map(w -> "The tool " + tool + " is not available: " + w + ". Nothing was sent to Clay. Available "
                + "tools: " + String.join(", ", enabled()) + ".");
    }

    private Set<String> enabled() {
        Set<String> on = new TreeSet<>();
        decision.forEach((name, why) -> {
            if (why.isEmpty()) {
                on.add(name);
            }
        });
        return on;
    }

    /**
     * Decides each tool of the catalog.
     *
     * @throws StartupRefusal when CLAY_TOOLS or CLAY_EXCLUDE_TOOLS names a tool this build does not have
     */
    public static Map<String, Optional<String>> decide(ClayConfig config) {
        List<String> unknown = new ArrayList<>();
        Optional<Set<String>> only = config.tools().map(l -> names(l, unknown));
        Set<String> excluded = config.excludeTools().map(l -> names(l, unknown)).orElse(Set.of());
        if (!unknown.isEmpty()) {
            throw new StartupRefusal("unknown tool name(s) in CLAY_TOOLS / CLAY_EXCLUDE_TOOLS: "
                    + String.join(", ", unknown) + ". Valid names: " + String.join(", ", new TreeSet<>(
                            CATALOG.keySet())) + ".");
        }
        Map<String, Optional<String>> decision = new LinkedHashMap<>();
        CATALOG.forEach((name, readOnly) -> {
            String why = null;
            if (config.readOnly() && !readOnly) {
                why = "this server runs read-only (CLAY_READ_ONLY=true), so tools that change data are turned off";
            } else if (only.isPresent() && !only.get().contains(name) || excluded.contains(name)) {
                why = "it is turned off in this server's configuration (CLAY_TOOLS / CLAY_EXCLUDE_TOOLS)";
            }
            decision.put(name, Optional.ofNullable(why));
        });
        return Collections.unmodifiableMap(decision);
    }

    private static Set<String> names(List<String> configured, List<String> unknown) {
        Set<String> names = new TreeSet<>();
        for (String n : configured) {
            String name = n.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!CATALOG.containsKey(name)) {
                unknown.add(name);
            }
            names.add(name);
        }
        return names;
    }
}

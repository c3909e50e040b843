package dev.claymcp;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.claymcp.config.ClayConfig;

/**
 * Every setting, described once: {@code clay-mcp-settings.tsv} names each variable with its help line and its README
 * text, and {@link ClayConfig} gives the default of each it maps. {@code --help} and the README's configuration table
 * are both made from them, and a test keeps the three equal.
 */
public final class SettingsDoc {

    /** One setting: its variable, its default in words, the line {@code --help} prints, and the README's text. */
    public record Setting(String variable, String defaultValue, String help, String readme) {
    }

    private SettingsDoc() {
    }

    /** The settings in the file's order, each default taken from the mapping where it has one. */
    public static List<Setting> all() {
        Map<String, String> defaults = mappingDefaults();
        List<Setting> settings = new ArrayList<>();
        try (InputStream in = SettingsDoc.class.getResourceAsStream("/clay-mcp-settings.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                settings.add(new Setting(cells[0], defaults.getOrDefault(cells[0], cells[1]), cells[2], cells[3]));
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("clay-mcp-settings.tsv is missing from the build", e);
        }
        return settings;
    }

    /** Each property of the mapping, by variable, with its default (absent when it has none). */
    public static Map<String, Optional<String>> mapping() {
        Map<String, Optional<String>> properties = new LinkedHashMap<>();
        walk(ClayConfig.class, ClayConfig.class.getAnnotation(ConfigMapping.class).prefix(), properties);
        return properties;
    }

    private static Map<String, String> mappingDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        mapping().forEach((variable, value) -> value.ifPresent(v -> defaults.put(variable, v)));
        return defaults;
    }

    private static void walk(Class<?> group, String prefix, Map<String, Optional<String>> properties) {
        for (Method m : group.getDeclaredMethods()) {
            if (m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getDeclaringClass() == ClayConfig.class) {
                walk(type, name, properties);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                properties.put(variable(name), Optional.ofNullable(d).map(WithDefault::value));
            }
        }
    }

    /** A property's environment variable: clay.mcp.drain-timeout is CLAY_MCP_DRAIN_TIMEOUT. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** What {@code --help} prints after the name and version. */
    public static String help() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: clay-mcp [--version | --help | --prepare]\n");
        b.append("  With no argument it serves MCP: on stdin/stdout (default), or over HTTP with CLAY_MCP_TRANSPORT=http.\n");
        b.append("  --prepare (the launcher, bin/clay-mcp) records the JVM's class cache for this JDK now, then exits.\n");
        b.append("\nSettings (environment variables; those of the server also work as -D system properties, e.g.\n");
        b.append("-Dclay.read-only=true), with their defaults:\n");
        int width = all().stream().mapToInt(s -> s.variable().length()).max().orElse(0) + 2;
        for (Setting s : all()) {
            b.append("  ").append(s.variable()).append(" ".repeat(width - s.variable().length())).append(s.help())
                    .append(" (default: ").append(s.defaultValue()).append(")\n");
        }
        b.append("The README says more of each: https://github.com/claymcp/clay-mcp-server#configuration");
        return b.toString();
    }

    /** The README's configuration table. */
    public static String readmeTable() {
        StringBuilder b = new StringBuilder("| env var | meaning | default |\n|---|---|---|\n");
        for (Setting s : all()) {
            b.append("| `").append(s.variable()).append("` | ").append(s.readme()).append(" | `")
                    .append(s.defaultValue()).append("` |\n");
        }
        return b.toString();
    }
}

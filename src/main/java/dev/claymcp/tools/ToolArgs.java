package dev.claymcp.tools;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.quarkiverse.mcp.server.ToolCallException;

/**
 * Checks of tool arguments, run before anything is sent to Clay. Each failure names the argument and says what is
 * expected, so the agent can correct its call.
 */
final class ToolArgs {

    /** Ids that become a URL path segment as they are. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    static final int MAX_RECORD_ID_LENGTH = 512;

    private ToolArgs() {
    }

    static String tableId(String value) {
        return id("tableId", value, "a Clay table id such as t_0t1yWmK8PvPQ");
    }

    static String viewId(String value) {
        return id("viewId", value, "a Clay view id such as gv_0t1yWmLkZ6GV");
    }

    static String sourceId(String value) {
        return id("sourceId", value, "a Clay source id such as s_0t1yWmVcX3Pe");
    }

    static String workspaceId(String value) {
        return id("workspaceId", value, "a Clay workspace id such as 123456 (the number in app.clay.com/workspaces/…)");
    }

    static List<String> fieldIds(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw invalid("fieldIds", "a non-empty list of Clay field ids such as [\"f_0t1yWmQp4yDn\"]", values);
        }
        if (values.size() > 100) {
            throw new ToolCallException("Invalid argument fieldIds: at most 100 field ids per run; got " + values.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            id("fieldIds[" + i + "]", v, "a Clay field id such as f_0t1yWmQp4yDn");
            if (!seen.add(v)) {
                throw new ToolCallException("Invalid argument fieldIds: '" + v + "' is listed twice.");
            }
        }
        return List.copyOf(values);
    }

    /** A record id is free-form (Clay lets the caller choose it) but must stay one non-empty path segment. */
    static String recordId(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(argument, "a non-blank record id (from list_record_ids or add_rows)", value);
        }
        if (value.length() > MAX_RECORD_ID_LENGTH) {
            throw new ToolCallException("Invalid argument " + argument + ": at most " + MAX_RECORD_ID_LENGTH
                    + " characters; got " + value.length() + ".");
        }
        if (value.equals(".") || value.equals("..")) {
            throw invalid(argument, "a record id other than '.' or '..'", value);
        }
        return value;
    }

    static String name(String argument, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw invalid(argument, "a non-blank name of at most 200 characters", value);
        }
        return value.strip();
    }

    static int range(String argument, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ToolCallException("Invalid argument " + argument + ": expected a whole number from " + min
                    + " to " + max + "; got " + value + ".");
        }
        return value;
    }

    private static String id(String argument, String value, String expected) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid(argument, expected + " (1 to 200 letters, digits, '_' or '-')", value);
        }
        return value;
    }

    static ToolCallException invalid(String argument, String expected, Object got) {
        return new ToolCallException("Invalid argument " + argument + ": expected " + expected + "; got "
                + shown(got) + ". Nothing was sent to Clay.");
    }

    /** The offending value, quoted, shortened and with control characters escaped, so it reads on one line. */
    private static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder("'");
        s.codePoints().limit(60).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > 60) {
            b.append('…');
        }
        return b.append('\'').toString();
    }
}

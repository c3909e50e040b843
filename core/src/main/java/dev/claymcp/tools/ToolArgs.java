package dev.claymcp.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.quarkiverse.mcp.server.ToolCallException;

/**
 * Checks of tool arguments, run before anything is sent to Clay. Each failure names the argument and says what is
 * expected, so the agent can correct its call. The limits here are also what the input schemas advertise
 * ({@link InputSchemas}), so what a model is told and what is enforced cannot drift apart.
 */
final class ToolArgs {

    /** Ids that become a URL path segment as they are. */
    static final String ID_PATTERN = "^[\\w-]{1,200}$";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    static final int MAX_RECORD_ID_LENGTH = 512;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_FIELD_IDS = 100;

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

    /** A non-empty list of distinct field ids or names, as {@code fieldIds} of run_enrichment takes them. */
    static List<String> fieldIds(List<String> values) {
        return fields("fieldIds", values, true);
    }

    /**
     * A list of distinct fields, each a field id (f_…) or a field's exact name.
     *
     * @param required whether the list must hold at least one
     */
    static List<String> fields(String argument, List<String> values, boolean required) {
        if (values == null || values.isEmpty()) {
            if (!required) {
                return List.of();
            }
            throw invalid(argument, "a non-empty list of field ids such as [\"f_0t1yWmQp4yDn\"] or field names "
                    + "(get_table lists them)", values);
        }
        if (values.size() > MAX_FIELD_IDS) {
            throw new ToolCallException("Invalid argument " + argument + ": at most " + MAX_FIELD_IDS
                    + " fields; got " + values.size() + ". Nothing was sent to Clay.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = field(argument + "[" + i + "]", values.get(i));
            if (!seen.add(v)) {
                throw new ToolCallException("Invalid argument " + argument + ": '" + v + "' is listed twice. Nothing "
                        + "was sent to Clay.");
            }
        }
        return List.copyOf(values);
    }

    /** A field id (f_…) or a field's exact name: non-blank, at most {@link #MAX_NAME_LENGTH} characters. */
    static String field(String argument, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw invalid(argument, "a field id such as f_0t1yWmQp4yDn or a field's name (1 to " + MAX_NAME_LENGTH
                    + " characters)", value);
        }
        return wellFormed(argument, value);
    }

    /** A list of record ids, as read_rows takes them: at most {@code max}, each a record id, none twice. */
    static List<String> recordIds(String argument, List<String> values, int max) {
        if (values.isEmpty() || values.size() > max) {
            throw new ToolCallException("Invalid argument " + argument + ": 1 to " + max + " record ids; got "
                    + values.size() + ". Nothing was sent to Clay.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String id = recordId(argument + "[" + i + "]", values.get(i));
            if (!seen.add(id)) {
                throw new ToolCallException("Invalid argument " + argument + ": '" + id + "' is listed twice. Nothing "
                        + "was sent to Clay.");
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
                    + " characters; got " + value.length() + ". Nothing was sent to Clay.");
        }
        if (value.equals(".") || value.equals("..")) {
            throw invalid(argument, "a record id other than '.' or '..'", value);
        }
        return wellFormed(argument, value);
    }

    static String name(String argument, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw invalid(argument, "a non-blank name of at most " + MAX_NAME_LENGTH + " characters", value);
        }
        return wellFormed(argument, value.strip());
    }

    /**
     * A whole number from {@code min} to {@code max}, read from the JSON number as sent: a fraction, or a number out of
     * range, is refused rather than rounded or wrapped around.
     */
    static long wholeNumber(String argument, Number value, long defaultValue, long min, long max) {
        if (value == null) {
            return defaultValue;
        }
        BigDecimal exact;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            exact = BigDecimal.valueOf(value.longValue());
        } else if (value instanceof BigInteger big) {
            exact = new BigDecimal(big);
        } else if (value instanceof BigDecimal decimal) {
            exact = decimal;
        } else if (Double.isFinite(value.doubleValue())) {
            exact = new BigDecimal(value.toString());
        } else {
            exact = null;
        }
        if (exact == null || exact.stripTrailingZeros().scale() > 0 || exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ToolCallException("Invalid argument " + argument + ": expected a whole number from " + min
                    + " to " + max + "; got " + value + ". Nothing was sent to Clay.");
        }
        return exact.longValueExact();
    }

    /** Refuses text that is not well-formed Unicode: a lone UTF-16 surrogate would be rewritten to '?' on the wire. */
    static String wellFormed(String argument, String value) {
        int bad = loneSurrogate(value);
        if (bad >= 0) {
            throw new ToolCallException("Invalid argument " + argument + ": the text holds an unpaired UTF-16 "
                    + "surrogate (\\u" + String.format("%04x", (int) value.charAt(bad)) + ") at index " + bad
                    + ", which is not a character. Send well-formed Unicode text. Nothing was sent to Clay.");
        }
        return value;
    }

    /** Checks every string (keys included) of a JSON-like value with {@link #wellFormed}. */
    static void wellFormedValue(String argument, Object value) {
        if (value instanceof String s) {
            wellFormed(argument, s);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                wellFormed(argument, key);
                wellFormedValue(argument + "." + key, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                wellFormedValue(argument + "[" + i + "]", list.get(i));
            }
        }
    }

    /** Index of the first unpaired surrogate, or -1. */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    private static String id(String argument, String value, String expected) {
        if (!isId(value)) {
            throw invalid(argument, expected + " (1 to 200 letters, digits, '_' or '-')", value);
        }
        return value;
    }

    static ToolCallException invalid(String argument, String expected, Object got) {
        return new ToolCallException("Invalid argument " + argument + ": expected " + expected + "; got "
                + shown(got) + ". Nothing was sent to Clay.");
    }

    /** The offending value, quoted, shortened and with control characters and lone surrogates escaped. */
    private static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder("'");
        s.codePoints().limit(60).forEach(cp -> {
            if (Character.isISOControl(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
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

package dev.claymcp.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A setting with a fixed set of values, written in lower case ({@code stdio}, {@code http}) and read in any letter
 * case, with or without spaces around it. The configuration mapping and the reading before Quarkus boots both use it,
 * so a value means the same to both, and a wrong one is named with the values that work.
 */
final class Choice {

    private Choice() {
    }

    static <E extends Enum<E>> E of(Class<E> type, String variable, String value) {
        String wanted = value == null ? "" : value.strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(wanted)) {
                return e;
            }
        }
        List<String> values = Arrays.stream(type.getEnumConstants())
                .map(e -> "'" + e.name().toLowerCase(Locale.ROOT) + "'").toList();
        throw new IllegalArgumentException(variable + " must be " + String.join(", ", values.subList(0,
                values.size() - 1)) + " or " + values.get(values.size() - 1) + "; got '" + wanted + "'");
    }
}

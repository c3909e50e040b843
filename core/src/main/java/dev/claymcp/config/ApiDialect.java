package dev.claymcp.config;

import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Which form of Clay's requests to send: {@code CLAY_API_DIALECT}. The documented contract's, the form today's Clay
 * is observed to take, or the documented one first and today's where Clay proves the first did nothing.
 */
public enum ApiDialect {
    AUTO, DOCUMENTED, OBSERVED;

    public static ApiDialect of(String value) {
        return Choice.of(ApiDialect.class, "CLAY_API_DIALECT", value);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For the configuration mapping. */
    public static final class Read implements Converter<ApiDialect> {
        private static final long serialVersionUID = 1L;

        @Override
        public ApiDialect convert(String value) {
            return of(value);
        }
    }
}

package dev.claymcp.config;

import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

/** Whether clients that can show a form are asked to confirm destructive calls: {@code CLAY_ELICITATION}. */
public enum Elicitation {
    /** Ask the clients that declare elicitation, for a bounded time. */
    AUTO,
    /** Never ask. */
    OFF;

    public static Elicitation of(String value) {
        return Choice.of(Elicitation.class, "CLAY_ELICITATION", value);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For the configuration mapping. */
    public static final class Read implements Converter<Elicitation> {
        private static final long serialVersionUID = 1L;

        @Override
        public Elicitation convert(String value) {
            return of(value);
        }
    }
}

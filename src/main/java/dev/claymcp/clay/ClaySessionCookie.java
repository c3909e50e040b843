package dev.claymcp.clay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.claymcp.config.ClayConfig;

/**
 * The {@code claysession} cookie value, from {@code CLAY_SESSION_COOKIE} or from the file named by
 * {@code CLAY_SESSION_COOKIE_FILE}. The file is re-read whenever its modification time or size changes, so a refreshed
 * cookie takes effect on the next call. The value never leaves this class except through {@link #headerValue()}, and
 * nothing here ever puts it into a message.
 */
@Singleton
public class ClaySessionCookie {

    static final String PREFIX = "claysession=";

    private final Optional<String> fromVariable;
    private final Optional<Path> file;

    private volatile Loaded loaded;

    public ClaySessionCookie(ClayConfig config) {
        this.fromVariable = config.sessionCookie().map(String::strip).filter(v -> !v.isEmpty());
        this.file = config.sessionCookieFile();
        fromVariable.ifPresent(v -> check(v, "CLAY_SESSION_COOKIE"));
    }

    /** Where a cookie came from and when it was read; safe to show. */
    public record Origin(String source, Instant loadedAt) {
        public String describe() {
            return "the cookie came from " + source + ", loaded at " + loadedAt;
        }
    }

    private record Loaded(String value, Origin origin, FileTime mtime, long size) {
    }

    /** Fails start-up when a configured cookie cannot be sent as a header. */
    public void checkAtStartup() {
        if (fromVariable.isEmpty() && file.isPresent() && Files.exists(file.get())) {
            current();
        }
    }

    public boolean isConfigured() {
        return fromVariable.isPresent() || file.isPresent();
    }

    /** The {@code Cookie} header value, or empty when no cookie is configured. */
    public Optional<String> headerValue() {
        return current().map(l -> PREFIX + l.value());
    }

    /** Where the cookie in use came from, or empty when there is none. */
    public Optional<Origin> origin() {
        return current().map(Loaded::origin);
    }

    private Optional<Loaded> current() {
        if (fromVariable.isPresent()) {
            Loaded l = loaded;
            if (l == null) {
                l = new Loaded(normalise(fromVariable.get()), new Origin("CLAY_SESSION_COOKIE", Instant.now()), null, 0);
                loaded = l;
            }
            return Optional.of(l);
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readFileIfChanged(file.get()));
    }

    private synchronized Loaded readFileIfChanged(Path path) {
        try {
            FileTime mtime = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Loaded l = loaded;
            if (l != null && mtime.equals(l.mtime()) && size == l.size()) {
                return l;
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ClayException(ClayException.Kind.NO_COOKIE,
                        "The cookie file named by CLAY_SESSION_COOKIE_FILE (" + path + ") is empty. Put the value of "
                                + "your claysession cookie in it.");
            }
            check(value, "the file " + path);
            l = new Loaded(normalise(value), new Origin("CLAY_SESSION_COOKIE_FILE (" + path + ")", Instant.now()),
                    mtime, size);
            loaded = l;
            return l;
        } catch (IOException e) {
            throw new ClayException(ClayException.Kind.NO_COOKIE,
                    "Cannot read the cookie file named by CLAY_SESSION_COOKIE_FILE (" + path + "): "
                            + e.getClass().getSimpleName() + ". Check that it exists and is readable.");
        }
    }

    private static String normalise(String value) {
        String v = value.strip();
        if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            v = v.substring(PREFIX.length()).strip();
        }
        return v;
    }

    private static void check(String value, String source) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == ';') {
                throw new ClayException(ClayException.Kind.NO_COOKIE,
                        "The Clay session cookie from " + source + " holds a line break, a control character or ';'. "
                                + "Give only the value of the claysession cookie, on one line, without other cookies.");
            }
        }
    }
}

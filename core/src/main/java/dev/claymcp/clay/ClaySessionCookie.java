package dev.claymcp.clay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.claymcp.config.ClayConfig;

/**
 * The {@code claysession} cookie value, from {@code CLAY_SESSION_COOKIE} or from the file named by
 * {@code CLAY_SESSION_COOKIE_FILE}. The file is re-read whenever its modification time or size changes, so a refreshed
 * cookie takes effect on the next call, and it may not exist yet when the server starts: calls then say how to create
 * it. The value never leaves this class except through {@link #headerValue()} and {@link #scrubber()}, and nothing
 * here ever puts it into a message.
 */
@Singleton
public class ClaySessionCookie {

    static final String PREFIX = "claysession=";
    /** The placeholder of mcp-config.example.json; sending it to Clay would only earn a 401. */
    public static final String EXAMPLE_PLACEHOLDER = "paste the value of your claysession cookie here";

    private final Optional<String> fromVariable;
    private final Optional<Path> file;

    private volatile Loaded loaded;

    public ClaySessionCookie(ClayConfig config) {
        this.fromVariable = config.sessionCookie().map(String::strip).filter(v -> !v.isEmpty());
        this.file = config.sessionCookieFile();
    }

    /** Where a cookie came from and when it was read; safe to show. */
    public record Origin(String source, Instant loadedAt) {
        public String describe() {
            return "the cookie came from " + source + ", loaded at " + loadedAt;
        }
    }

    private record Loaded(String value, Origin origin, FileTime mtime, long size, SecretScrubber scrubber) {
    }

    /**
     * Why the server must not start with the configured cookie: one that cannot be sent as a header, or the example's
     * placeholder. A cookie file that does not exist yet, or cannot be read now, is fine: every call will say so, and
     * the file may be fixed without a restart.
     */
    public static Optional<String> startupProblem(ClayConfig config) {
        return startupProblem(config.sessionCookie(), config.sessionCookieFile());
    }

    /** {@link #startupProblem(ClayConfig)} of a cookie and a cookie file given as they are configured. */
    public static Optional<String> startupProblem(Optional<String> cookie, Optional<Path> file) {
        Optional<String> variable = cookie.map(String::strip).filter(v -> !v.isEmpty());
        if (variable.isPresent()) {
            return problem(variable.get()).map(p -> "CLAY_SESSION_COOKIE " + trimmed(p));
        }
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            try {
                String value = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
                return problem(value).map(p -> "The cookie file " + file.get() + " (CLAY_SESSION_COOKIE_FILE) "
                        + trimmed(p));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String trimmed(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    public boolean isConfigured() {
        return fromVariable.isPresent() || file.isPresent();
    }

    /** Says where the cookie will come from, for the start-up line; never the value. */
    public String describeSource() {
        if (fromVariable.isPresent()) {
            return "the cookie comes from CLAY_SESSION_COOKIE";
        }
        if (file.isEmpty()) {
            return "no cookie is configured";
        }
        return Files.exists(file.get()) ? "the cookie comes from the file " + file.get()
                : "the cookie file " + file.get() + " does not exist yet: calls will say how to create it";
    }

    /**
     * The {@code Cookie} header value, or empty when no cookie is configured.
     *
     * @throws ClayException when the cookie file cannot give a usable cookie right now (nothing is sent)
     */
    public Optional<String> headerValue() {
        return current().map(l -> PREFIX + l.value());
    }

    /** Where the cookie in use came from, or empty when there is none. */
    public Optional<Origin> origin() {
        try {
            return current().map(Loaded::origin);
        } catch (ClayException e) {
            return Optional.empty();
        }
    }

    /** Takes the current cookie value out of text from Clay. */
    SecretScrubber scrubber() {
        try {
            return current().map(Loaded::scrubber).orElse(SecretScrubber.forSecret(null));
        } catch (ClayException e) {
            return SecretScrubber.forSecret(null);
        }
    }

    private Optional<Loaded> current() {
        if (fromVariable.isPresent()) {
            Loaded l = loaded;
            if (l == null) {
                String value = normalise(fromVariable.get());
                problem(value).ifPresent(p -> {
                    throw new ClayException(ClayException.Kind.NO_COOKIE, 0, ClayException.Delivery.NOT_SENT,
                            "CLAY_SESSION_COOKIE " + p);
                });
                l = new Loaded(value, new Origin("CLAY_SESSION_COOKIE", Instant.now()), null, 0,
                        SecretScrubber.forSecret(value));
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
            if (Files.isDirectory(path)) {
                throw ClayFailures.cookieFile(path.toString(), "is a directory, not a file");
            }
            FileTime mtime = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Loaded l = loaded;
            if (l != null && mtime.equals(l.mtime()) && size == l.size()) {
                return l;
            }
            String value = normalise(Files.readString(path, StandardCharsets.UTF_8));
            if (value.isEmpty()) {
                throw ClayFailures.cookieFile(path.toString(), "is empty");
            }
            problem(value).ifPresent(p -> {
                throw ClayFailures.cookieFile(path.toString(), p.substring(0, p.indexOf('.')));
            });
            l = new Loaded(value, new Origin("CLAY_SESSION_COOKIE_FILE (" + path + ")", Instant.now()), mtime, size,
                    SecretScrubber.forSecret(value));
            loaded = l;
            return l;
        } catch (NoSuchFileException e) {
            throw ClayFailures.cookieFile(path.toString(), "does not exist yet");
        } catch (AccessDeniedException e) {
            throw ClayFailures.cookieFile(path.toString(), "cannot be read by this server (permission denied)");
        } catch (IOException e) {
            throw ClayFailures.cookieFile(path.toString(), "could not be read");
        }
    }

    private static String normalise(String value) {
        String v = value.strip();
        if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            v = v.substring(PREFIX.length()).strip();
        }
        return v;
    }

    /** Why this value can never work as the cookie, as the end of a sentence naming its source; empty when fine. */
    static Optional<String> problem(String value) {
        String v = normalise(value);
        if (v.equalsIgnoreCase(EXAMPLE_PLACEHOLDER)) {
            return Optional.of("is still the example's placeholder text. Replace it with the value of your "
                    + "claysession cookie (see the README, \"Switching to a real workspace\"), e.g. in the \"env\" "
                    + "section of your client's MCP config.");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) || c == ';' || Character.isWhitespace(c)) {
                return Optional.of("holds a space, a line break, a control character or ';'. Give only the value of "
                        + "the claysession cookie, on one line, without other cookies.");
            }
        }
        return Optional.empty();
    }
}

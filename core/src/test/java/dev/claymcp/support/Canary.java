package dev.claymcp.support;

/**
 * A cookie value that must never show up anywhere but in the Cookie header Clay receives. It holds characters that
 * percent-encoding changes, so that an encoded echo of it is a different string to look for.
 */
public final class Canary {

    public static final String COOKIE = "canary-7f3a9c/SECRET+cookie=value";

    private Canary() {
    }

    /** The forms an echo of the cookie can take in text that comes back from Clay. */
    public static java.util.List<String> echoes() {
        String encoded = java.net.URLEncoder.encode(COOKIE, java.nio.charset.StandardCharsets.UTF_8);
        return java.util.List.of(COOKIE, COOKIE.toUpperCase(java.util.Locale.ROOT), encoded,
                encoded.toLowerCase(java.util.Locale.ROOT), encoded.replace("+", "%20"));
    }

    /** Whether {@code text} holds the cookie in any of its forms. */
    public static boolean leaksIn(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return echoes().stream().anyMatch(e -> lower.contains(e.toLowerCase(java.util.Locale.ROOT)));
    }
}

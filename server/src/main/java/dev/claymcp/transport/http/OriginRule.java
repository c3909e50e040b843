package dev.claymcp.transport.http;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.claymcp.config.Loopback;

/**
 * The one rule for browser origins on the HTTP endpoint: the origins listed in {@code CLAY_MCP_ALLOWED_ORIGINS}, plus,
 * while the server is bound to loopback, any http(s) page on a loopback host ({@code localhost}, 127.0.0.0/8,
 * {@code [::1]}), any port. The HTTP guard refuses every other origin before CORS runs, so CORS only ever answers
 * for origins this rule allows.
 */
public final class OriginRule {

    private final Set<String> configured;
    private final boolean loopbackBound;

    public OriginRule(Collection<String> configured, boolean loopbackBound) {
        this.configured = configured.stream().map(OriginRule::normalise).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
        this.loopbackBound = loopbackBound;
    }

    public boolean allows(String origin) {
        Optional<String> normalised = normalise(origin);
        if (normalised.isEmpty()) {
            return false;
        }
        if (configured.contains(normalised.get())) {
            return true;
        }
        if (!loopbackBound) {
            return false;
        }
        URI uri = URI.create(normalised.get());
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && Loopback.isLoopbackName(uri.getHost());
    }

    /** {@code scheme://host[:port]} in lower case, or empty for anything else (including "null"). */
    static Optional<String> normalise(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(origin.strip().toLowerCase(Locale.ROOT));
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package dev.claymcp.transport.http;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkus.oidc.common.OidcRequestFilter;
import io.smallrye.mutiny.Uni;

/**
 * Puts a time limit on every request quarkus-oidc makes to the OAuth issuer (discovery, keys). quarkus-oidc 3.33 sets
 * only a connect timeout, so an issuer that accepts the connection and never answers would hold its fetch, and every
 * token check waiting on it, for good; with this the fetch fails, and the next token check tries again.
 */
@Singleton
public class IssuerTimeout implements OidcRequestFilter {

    static final Duration TIMEOUT = Duration.ofSeconds(4);

    @Override
    public Uni<Void> filter(OidcRequestFilterContext context) {
        context.request().timeout(TIMEOUT.toMillis());
        return Uni.createFrom().voidItem();
    }
}

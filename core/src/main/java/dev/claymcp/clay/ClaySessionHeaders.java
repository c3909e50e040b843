package dev.claymcp.clay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Puts the {@code claysession} cookie on every request to Clay, read fresh from {@link ClaySessionCookie}. */
@ApplicationScoped
public class ClaySessionHeaders implements ClientHeadersFactory {

    @Inject
    ClaySessionCookie cookie;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        try {
            cookie.headerValue().ifPresent(v -> headers.putSingle("Cookie", v));
        } catch (ClayException e) {
            // the cookie file broke between the check before sending and now: Clay answers 401, which says what to do
        }
        return headers;
    }
}

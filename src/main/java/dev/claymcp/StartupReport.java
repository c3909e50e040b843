package dev.claymcp;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.config.ClayConfig;

/**
 * Says on stderr, once at start, which Clay the server talks to, and refuses to start with a cookie that cannot be
 * sent as a header (a line break or ';' in it).
 */
@Singleton
public class StartupReport {

    private static final Logger LOG = Logger.getLogger("dev.claymcp");

    void onStart(@Observes StartupEvent event, ClayConfig config, ClaySessionCookie cookie) {
        if (config.sandbox()) {
            LOG.warn("SANDBOX MODE (CLAY_SANDBOX=true): every tool runs against an in-memory simulated Clay; nothing "
                    + "is sent to Clay, no credits are spent, and nothing is kept after exit.");
            return;
        }
        cookie.checkAtStartup();
        if (!cookie.isConfigured()) {
            LOG.warn("No Clay session cookie is configured: the tools are listed, but every call will answer with "
                    + "how to set CLAY_SESSION_COOKIE (or run with CLAY_SANDBOX=true to try them without an account).");
        } else {
            LOG.infof("Talking to Clay at %s; %s.", config.apiUrl(),
                    cookie.origin().map(ClaySessionCookie.Origin::describe).orElse("the cookie file does not exist yet"));
        }
    }
}

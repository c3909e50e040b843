package dev.claymcp;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.config.ClayConfig;

/**
 * Checks the settings at boot ({@link StartupChecks}, the same checks {@link ClayMcpMain} made before Quarkus
 * started, now against the booted configuration; a test or an embedding that skips the main method is checked here)
 * and says on stderr which Clay the server talks to.
 */
@Singleton
public class StartupReport {

    private static final Logger LOG = Logger.getLogger("dev.claymcp");

    void onStart(@Observes StartupEvent event, ClayConfig config, ClaySessionCookie cookie) {
        StartupChecks.enforce(config, name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
        if (config.sandbox()) {
            LOG.warn("SANDBOX MODE (CLAY_SANDBOX=true): every tool runs against an in-memory simulated Clay; nothing "
                    + "is sent to Clay, no credits are spent, and nothing is kept after exit.");
            return;
        }
        if (!cookie.isConfigured()) {
            LOG.warn("No Clay session cookie is configured: the tools are listed, but every call will answer with "
                    + "how to set CLAY_SESSION_COOKIE (or run with CLAY_SANDBOX=true to try them without an account).");
        } else {
            LOG.infof("Talking to Clay at %s (CLAY_API_DIALECT=%s); %s.", config.apiUrl(), config.apiDialect(),
                    cookie.describeSource());
        }
    }
}

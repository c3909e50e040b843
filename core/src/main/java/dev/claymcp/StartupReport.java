package dev.claymcp;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.claymcp.clay.ClayDialect;
import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.DerivedConfigSourceFactory;
import dev.claymcp.config.StartupRefusal;
import dev.claymcp.policy.HumanConfirmation;

/**
 * Checks the settings once at start and says on stderr which Clay the server talks to. A setting that can never work
 * stops start-up with a plain message ({@link StartupRefusal}); a cookie file that does not exist yet does not.
 */
@Singleton
public class StartupReport {

    private static final Logger LOG = Logger.getLogger("dev.claymcp");

    static final String OAUTH_AND_TOKENS = "CLAY_MCP_AUTH_TOKENS and CLAY_MCP_OAUTH_ISSUER are both set: with OAuth on, "
            + "only the issuer's tokens are accepted, so set one of them (an agent without a browser can get tokens "
            + "from the issuer with the client-credentials grant)";

    void onStart(@Observes StartupEvent event, ClayConfig config, ClaySessionCookie cookie) {
        check(config);
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
            LOG.infof("Talking to Clay at %s (CLAY_API_DIALECT=%s); %s.", config.apiUrl(),
                    ClayDialect.Mode.parse(config.apiDialect()), cookie.describeSource());
        }
    }

    private static boolean positive(java.time.Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** Settings that no value of another setting can make work. */
    static void check(ClayConfig config) {
        List<String> problems = new ArrayList<>();
        String elicitation = config.elicitation().strip().toLowerCase();
        if (!elicitation.equals("auto") && !elicitation.equals("off")) {
            problems.add("CLAY_ELICITATION must be 'auto' or 'off'; got '" + config.elicitation() + "'");
        }
        if (config.elicitationTimeout().isNegative() || config.elicitationTimeout().isZero()
                || config.elicitationTimeout().compareTo(HumanConfirmation.MAX_WAIT) > 0) {
            problems.add("CLAY_ELICITATION_TIMEOUT must be more than 0 and at most 30s (clients give up on a call after "
                    + "about 60 s); got " + config.elicitationTimeout().toSeconds() + "s");
        }
        try {
            ClayDialect.Mode.parse(config.apiDialect());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (config.rateLimit().perSecond() <= 0 || config.rateLimit().burst() < 1) {
            problems.add("CLAY_RATE_LIMIT_PER_SECOND must be above 0 and CLAY_RATE_LIMIT_BURST at least 1");
        }
        config.rateLimit().redisUrl().map(String::strip)
                .filter(u -> !u.matches(DerivedConfigSourceFactory.REDIS_URL))
                .ifPresent(u -> problems.add("CLAY_RATE_LIMIT_REDIS_URL must look like redis://host:6379 (or "
                        + "rediss:// for TLS, redis://:password@host:6379 with a password)"));
        if (config.rateLimit().redisWait().isNegative() || config.rateLimit().redisWait().toSeconds() > 30) {
            problems.add("CLAY_RATE_LIMIT_REDIS_WAIT must be between 0s and 30s");
        }
        if (config.callTimeout().isNegative() || config.callTimeout().isZero()) {
            problems.add("CLAY_CALL_TIMEOUT must be more than 0");
        }
        if (config.addRows().chunkSize() < 1 || config.addRows().maxRows() < 1) {
            problems.add("CLAY_ADD_ROWS_CHUNK_SIZE and CLAY_ADD_ROWS_MAX_ROWS must be at least 1");
        }
        if (config.maxResponseBytes() < 1024) {
            problems.add("CLAY_MAX_RESPONSE_BYTES must be at least 1024");
        }
        if (config.mcp().maxSessions() < 1) {
            problems.add("CLAY_MCP_MAX_SESSIONS must be at least 1");
        }
        if (config.mcp().maxConnections() < 1 || !positive(config.mcp().idleTimeout())
                || !positive(config.mcp().bodyTimeout())) {
            problems.add("CLAY_MCP_MAX_CONNECTIONS must be at least 1, and CLAY_MCP_IDLE_TIMEOUT and "
                    + "CLAY_MCP_BODY_TIMEOUT more than 0");
        }
        var oauth = config.mcp().oauth();
        if (oauth.issuer().filter(i -> !i.isBlank()).isPresent()
                && config.mcp().authTokens().orElse(List.of()).stream().anyMatch(t -> !t.isBlank())) {
            problems.add(OAUTH_AND_TOKENS);
        }
        if (!positive(oauth.maxTokenAge())) {
            problems.add("CLAY_MCP_OAUTH_MAX_TOKEN_AGE must be more than 0");
        }
        if (!problems.isEmpty()) {
            throw new StartupRefusal(String.join("; ", problems) + ". Fix the variable(s) and start again.");
        }
    }
}

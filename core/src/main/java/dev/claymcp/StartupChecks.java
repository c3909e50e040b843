package dev.claymcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.config.DerivedConfigSourceFactory;
import dev.claymcp.config.Loopback;
import dev.claymcp.config.StartSources;
import dev.claymcp.config.OAuthAudience;
import dev.claymcp.config.StartupRefusal;
import dev.claymcp.config.Transport;
import dev.claymcp.policy.HumanConfirmation;
import dev.claymcp.policy.ToolInventory;

/**
 * Every setting the server will not start with, checked in one place: before Quarkus boots (by {@link ClayMcpMain},
 * from {@link dev.claymcp.config.Settings}, so that no answer of any kind goes out first) and again at boot (by
 * {@link StartupReport}, from the booted configuration). A value that cannot be read at all (a transport that is
 * neither stdio nor http) is refused earlier still, by the configuration mapping's converters.
 */
public final class StartupChecks {

    static final String OAUTH_AND_TOKENS = "CLAY_MCP_AUTH_TOKENS and CLAY_MCP_OAUTH_ISSUER are both set: with OAuth on, "
            + "only the issuer's tokens are accepted, so set one of them (an agent without a browser can get tokens "
            + "from the issuer with the client-credentials grant)";

    private StartupChecks() {
    }

    /**
     * Refuses a configuration that can never work.
     *
     * @param other reads a setting outside {@link ClayConfig} (such as {@code quarkus.http.host})
     * @throws StartupRefusal naming every problem, each with its variable and what is expected
     */
    public static void enforce(ClayConfig config, Function<String, Optional<String>> other) {
        List<String> problems = problems(config, other);
        if (!problems.isEmpty()) {
            throw new StartupRefusal(String.join("; ", problems) + ". Fix the variable(s) and start again.");
        }
    }

    static List<String> problems(ClayConfig config, Function<String, Optional<String>> other) {
        List<String> problems = new ArrayList<>();
        if (!positive(config.elicitationTimeout()) || config.elicitationTimeout().compareTo(HumanConfirmation.MAX_WAIT) > 0) {
            problems.add("CLAY_ELICITATION_TIMEOUT must be more than 0 and at most 30s (clients give up on a call after "
                    + "about 60 s); got " + config.elicitationTimeout().toSeconds() + "s");
        }
        if (config.rateLimit().perSecond() <= 0 || config.rateLimit().burst() < 1) {
            problems.add("CLAY_RATE_LIMIT_PER_SECOND must be above 0 and CLAY_RATE_LIMIT_BURST at least 1");
        }
        redisUrlProblem(config.rateLimit().redisUrl()).ifPresent(problems::add);
        if (config.rateLimit().redisWait().isNegative() || config.rateLimit().redisWait().toSeconds() > 30) {
            problems.add("CLAY_RATE_LIMIT_REDIS_WAIT must be between 0s and 30s");
        }
        if (!positive(config.callTimeout())) {
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
        if (config.mcp().maxMessageBytes() < 1024) {
            problems.add("CLAY_MCP_MAX_MESSAGE_BYTES must be at least 1024");
        }
        if (!positive(config.mcp().drainTimeout())) {
            problems.add("CLAY_MCP_DRAIN_TIMEOUT must be more than 0");
        }
        var oauth = config.mcp().oauth();
        boolean oauthOn = oauth.issuer().filter(i -> !i.isBlank()).isPresent();
        boolean tokens = config.mcp().authTokens().orElse(List.of()).stream().anyMatch(t -> !t.isBlank());
        if (oauthOn && tokens) {
            problems.add(OAUTH_AND_TOKENS);
        }
        if (!positive(oauth.maxTokenAge())) {
            problems.add("CLAY_MCP_OAUTH_MAX_TOKEN_AGE must be more than 0");
        }
        if (config.mcp().transport() == Transport.HTTP) {
            if (oauthOn) {
                reason(() -> OAuthAudience.base(oauth.audience().orElse("").strip())).ifPresent(problems::add);
            }
            String host = other.apply("quarkus.http.host").orElse("127.0.0.1").strip();
            if (!Loopback.isLoopbackName(host) && !tokens && !oauthOn) {
                problems.add("refusing to serve MCP over HTTP on " + host + " without authentication: anyone who can "
                        + "reach this address could spend the Clay account's credits and delete its data. Set "
                        + "CLAY_MCP_OAUTH_ISSUER and CLAY_MCP_OAUTH_AUDIENCE (OAuth), or CLAY_MCP_AUTH_TOKENS to one "
                        + "or more secret tokens, or listen on 127.0.0.1 (QUARKUS_HTTP_HOST)");
            }
        }
        reason(() -> ToolInventory.decide(config)).ifPresent(problems::add);
        if (!config.sandbox()) {
            ClaySessionCookie.startupProblem(config).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * The checks of the secret settings alone (the cookie, the Redis URL), which the key of the early answers leaves
     * out: a start whose other settings passed every check before needs only these.
     */
    public static List<String> secretProblems(StartSources sources) {
        List<String> problems = new ArrayList<>();
        if (!sources.value("clay.sandbox").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false)) {
            ClaySessionCookie.startupProblem(sources.value("clay.session-cookie"),
                    sources.value("clay.session-cookie-file").map(String::strip).filter(f -> !f.isEmpty())
                            .map(java.nio.file.Path::of))
                    .ifPresent(problems::add);
        }
        redisUrlProblem(sources.value("clay.rate-limit.redis-url")).ifPresent(problems::add);
        return problems;
    }

    /** The one check of the Redis URL (which is never repeated: it may hold a password); blank is no URL. */
    private static Optional<String> redisUrlProblem(Optional<String> url) {
        return url.map(String::strip).filter(u -> !u.isEmpty() && !u.matches(DerivedConfigSourceFactory.REDIS_URL))
                .map(u -> "CLAY_RATE_LIMIT_REDIS_URL must look like redis://host:6379 (or rediss:// for TLS, "
                        + "redis://:password@host:6379 with a password)");
    }

    private static Optional<String> reason(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (StartupRefusal e) {
            return Optional.of(e.reason());
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}

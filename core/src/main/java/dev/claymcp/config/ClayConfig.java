package dev.claymcp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the server. Each property also reads from the environment variable of the same name in upper
 * snake case ({@code clay.session-cookie} from {@code CLAY_SESSION_COOKIE}).
 */
@ConfigMapping(prefix = "clay")
public interface ClayConfig {

    /** Value of the {@code claysession} cookie; a leading {@code claysession=} is stripped. */
    Optional<String> sessionCookie();

    /** File holding the cookie value; re-read whenever it changes, so a refreshed cookie needs no restart. */
    Optional<Path> sessionCookieFile();

    /** Base URL of the Clay API. */
    @WithDefault("https://api.clay.com")
    String apiUrl();

    /**
     * Which form of Clay's requests to send: {@code documented} (the contract), {@code observed} (as Clay answers
     * today), or {@code auto}: documented first, observed where Clay proves the documented one does nothing.
     */
    @WithDefault("auto")
    @WithConverter(ApiDialect.Read.class)
    ApiDialect apiDialect();

    /** When true only the read-only tools are listed and callable. */
    @WithDefault("false")
    boolean readOnly();

    /** Tool names to allow; all when unset. */
    Optional<List<String>> tools();

    /** Tool names to hide; wins over {@link #tools()}. */
    Optional<List<String>> excludeTools();

    /** Serve from an in-memory simulated Clay; nothing leaves the machine. */
    @WithDefault("false")
    boolean sandbox();

    /** Largest {@code numRecords} run_enrichment accepts; unlimited when unset. */
    OptionalInt maxEnrichRecords();

    /** Connect timeout towards Clay, in milliseconds. */
    @WithDefault("5000")
    long connectTimeoutMs();

    /** Read timeout towards Clay, in milliseconds: how long one attempt waits for Clay's answer. */
    @WithDefault("30000")
    long readTimeoutMs();

    /**
     * Time budget of one tool call's requests to Clay, retries and waits included; no new attempt starts that could
     * end after it. Below the 60 s most clients wait for an answer.
     */
    @WithDefault("50s")
    Duration callTimeout();

    /** Largest answer, in bytes, read from Clay. */
    @WithDefault("33554432")
    long maxResponseBytes();

    /** {@code auto}: ask clients that support elicitation to confirm destructive calls; {@code off}: never ask. */
    @WithDefault("auto")
    @WithConverter(Elicitation.Read.class)
    Elicitation elicitation();

    /** How long a confirmation may wait for the human, at most 30 s. */
    @WithDefault("20s")
    Duration elicitationTimeout();

    /**
     * How long a table's schema (read to look up field names, views and enrichments) is kept before it is read again;
     * a name not in the kept schema makes it read again at once.
     */
    @WithDefault("60s")
    Duration schemaCacheTtl();

    /** How often enrichment_status asks Clay again while it waits for runs to finish. */
    @WithDefault("2s")
    Duration enrichmentPollInterval();

    /** Most rows the sandbox keeps, over all its tables. */
    @WithDefault("100000")
    int sandboxMaxRows();

    AddRows addRows();

    RateLimit rateLimit();

    Retry retry();

    Mcp mcp();

    interface AddRows {
        /** Rows sent to Clay in one request. */
        @WithDefault("100")
        int chunkSize();

        /** Most rows one add_rows call accepts. */
        @WithDefault("10000")
        int maxRows();

        /** Largest JSON size, in bytes, of one add_rows call's rows. */
        @WithDefault("5000000")
        int maxRequestBytes();

        /** Most ids a partial-failure report lists in each of its lists; the counts are always exact. */
        @WithDefault("100")
        int maxReportedIds();
    }

    interface RateLimit {
        /** Requests per second towards Clay, shared by all sessions. */
        @WithDefault("10")
        double perSecond();

        /** Requests that may go out at once after a quiet spell. */
        @WithDefault("20")
        int burst();

        /**
         * A Redis server ({@code redis://[:password@]host:port[/db]}, or {@code rediss://} for TLS) that holds the
         * bucket, so that replicas of this server using one Clay account share one rate limit. Unset: the bucket is
         * in this process.
         */
        Optional<String> redisUrl();

        /**
         * Names the shared bucket. Unset: derived from CLAY_API_URL and a hash of the session cookie, so replicas
         * with the same account share it and nothing secret is stored in Redis.
         */
        Optional<String> redisKey();

        /** How long a call waits for an unreachable Redis before it fails without sending anything to Clay. */
        @WithDefault("2s")
        Duration redisWait();
    }

    interface Retry {
        /** Attempts for a read or delete, the first included. */
        @WithDefault("4")
        int maxAttempts();

        /** First backoff; doubled after each attempt, with jitter. */
        @WithDefault("250ms")
        Duration initialBackoff();

        /** Total time one call may spend waiting between attempts. */
        @WithDefault("30s")
        Duration maxTotalWait();
    }

    interface Mcp {
        /** {@code stdio} or {@code http}. */
        @WithDefault("stdio")
        @WithConverter(Transport.Read.class)
        Transport transport();

        /** Bearer tokens accepted on the HTTP endpoint. */
        Optional<List<String>> authTokens();

        /** Browser origins allowed on the HTTP endpoint. */
        Optional<List<String>> allowedOrigins();

        /** Idle time after which an HTTP MCP session ends. */
        @WithDefault("10m")
        Duration sessionIdleTimeout();

        /** Most HTTP MCP sessions open at once; a new one beyond it is refused. */
        @WithDefault("1000")
        int maxSessions();

        /**
         * Default of {@link #maxMessageBytes()}, also read before boot: 16 MiB, below the 20 M characters the
         * library's JSON parser accepts in one string.
         */
        String MAX_MESSAGE_BYTES = "16777216";
        /** Default of {@link #drainTimeout()}, also read before boot. */
        String DRAIN_TIMEOUT = "60s";

        /** Largest JSON-RPC message accepted, in bytes, on either transport. */
        @WithDefault(MAX_MESSAGE_BYTES)
        int maxMessageBytes();

        /** HTTP: most connections open at once; a connection beyond it is closed as it arrives. */
        @WithDefault("2000")
        int maxConnections();

        /**
         * HTTP: a connection on which nothing has been read or written for this long is closed (open event streams
         * are sent a keep-alive comment well within it).
         */
        @WithDefault("90s")
        Duration idleTimeout();

        /** HTTP: how long a request's body may take to arrive, once its headers have; a slower one gets 408. */
        @WithDefault("30s")
        Duration bodyTimeout();

        /**
         * Where the server keeps what makes its next start faster ({@code off} for nowhere); read before Quarkus
         * starts, see {@code ClayMcpMain}. Default: {@code ${XDG_CACHE_HOME:-~/.cache}/clay-mcp-server}.
         */
        Optional<String> cacheDir();

        /** Time a stdio session waits, after stdin closes, for calls in flight to answer. */
        @WithDefault(DRAIN_TIMEOUT)
        Duration drainTimeout();

        /** OAuth 2.1 for the HTTP endpoint: on when an issuer is set. */
        OAuth oauth();
    }

    interface OAuth {
        /**
         * The authorization server whose access tokens are accepted (its discovery document, at
         * {@code <issuer>/.well-known/openid-configuration}, names its keys).
         */
        Optional<String> issuer();

        /** This server's public {@code /mcp} URL: tokens must name it as their audience, and the metadata says it. */
        Optional<String> audience();

        /** Scopes a token must all carry; a token without one gets 403 insufficient_scope. */
        Optional<List<String>> scopes();

        /** The longest lifetime (issue to expiry) of a token this server accepts; a longer-lived one gets 401. */
        @WithDefault("24h")
        Duration maxTokenAge();
    }
}

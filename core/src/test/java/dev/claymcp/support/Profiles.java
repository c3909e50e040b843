package dev.claymcp.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server configurations the in-process tests run against. Each test class names one; Quarkus builds and starts
 * the server once per configuration (some four seconds each) and runs the classes of a configuration together, so a
 * new test joins the configuration it needs rather than adding one. Every one has WireMock standing in for Clay
 * ({@link ClayStub}); configurations a single test needs are better tried on the packaged server ({@code *IT}).
 */
public final class Profiles {

    private Profiles() {
    }

    private abstract static class WithClay implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClayStub.class));
        }
    }

    /** The canary cookie, WireMock as Clay, default limits: most tests. */
    public static final class Standard extends WithClay {
    }

    /** Read-only mode with allow and deny lists: every reason a tool can be off, in one configuration. */
    public static final class Restricted extends WithClay {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clay.read-only", "true",
                    "clay.tools", "count_rows, list_sources,delete_row,add_rows",
                    "clay.exclude-tools", "delete_row");
        }
    }

    /**
     * Small limits (a one-second wait for confirmations among them), and the REST client's request logging turned on
     * as its documentation says.
     */
    public static final class Limits extends WithClay {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clay.max-enrich-records", "50",
                    "clay.elicitation-timeout", "1s",
                    "clay.max-response-bytes", "4096",
                    "clay.add-rows.chunk-size", "2",
                    "clay.add-rows.max-reported-ids", "3",
                    "quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG");
        }
    }

    /** Clay as it answers today: CLAY_API_DIALECT=observed, against {@link ObservedClay}. */
    public static final class Observed extends WithClay {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clay.api-dialect", "observed");
        }
    }

    /** Only the documented contract's requests: CLAY_API_DIALECT=documented. */
    public static final class Documented extends WithClay {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clay.api-dialect", "documented");
        }
    }

    /**
     * CLAY_API_DIALECT=auto in a server of its own: what it learns about which requests work lasts for the life of
     * the process, and must not leak into the documented wire tests of {@link Standard}.
     */
    public static final class AutoDialect extends WithClay {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a short read timeout, to show that a request that may have done something is never sent again
            return Map.of("clay.api-dialect", "auto", "clay.read-timeout-ms", "1500");
        }
    }

    /** Hosted mode with bearer tokens and a configured browser origin; confirmations are off. */
    public static final class HostedWithTokens extends WithClay {
        public static final String TOKEN = "tok-B-9876543210";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clay.mcp.auth-tokens", "tok-A-0123456789," + TOKEN,
                    "clay.mcp.allowed-origins", "https://agents.example.com",
                    "clay.elicitation", "off");
        }
    }

    /**
     * Hosted mode with OAuth: tokens from {@link OidcStub}, an OpenID provider standing in for Keycloak, for this
     * server's public URL and with the scope {@code clay:tools}; no static tokens.
     */
    public static final class OAuth implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClayStub.class), new TestResourceEntry(OidcStub.class));
        }
    }
}

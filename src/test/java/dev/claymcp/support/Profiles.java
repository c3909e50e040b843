package dev.claymcp.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server configurations the in-process tests run against. Each test class names one; Quarkus starts the server
 * once per configuration and runs the classes of a configuration together, so a new test joins the configuration it
 * needs rather than adding a restart. Every one has WireMock standing in for Clay ({@link ClayStub}).
 */
public final class Profiles {

    private Profiles() {
    }

    private abstract static class WithClay implements QuarkusTestProfile {
        /** Arguments of {@link ClayStub}: how the cookie is given and where Clay is. */
        Map<String, String> clay() {
            return Map.of();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClayStub.class, clay()));
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

    /** The cookie comes from a file that does not exist when the server starts. */
    public static final class CookieFile extends WithClay {
        @Override
        Map<String, String> clay() {
            return Map.of("cookieFile", "missing");
        }
    }

    /** The in-memory sandbox, with Clay unreachable and no cookie, so nothing could leak out. */
    public static final class Sandbox extends WithClay {
        @Override
        Map<String, String> clay() {
            return Map.of("closedPort", "true", "cookie", "");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clay.sandbox", "true", "clay.sandbox-max-rows", "50");
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

}

package dev.claymcp;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claymcp.clay.ClaySessionCookie;
import dev.claymcp.clay.ClayTables;
import dev.claymcp.clay.ClayRestClient;
import dev.claymcp.clay.HttpClayTables;
import dev.claymcp.config.ClayConfig;
import dev.claymcp.policy.RateLimiter;
import dev.claymcp.policy.RetryPolicy;
import dev.claymcp.sandbox.SandboxClayTables;

/** Chooses the Clay the tools talk to: the real API, or the in-memory sandbox when {@code CLAY_SANDBOX=true}. */
public class ClayTablesProducer {

    @Produces
    @Singleton
    ClayTables clayTables(ClayConfig config, @RestClient ClayRestClient client, ClaySessionCookie cookie,
            RateLimiter rateLimiter, RetryPolicy retryPolicy, ObjectMapper json) {
        return config.sandbox()
                ? new SandboxClayTables()
                : new HttpClayTables(client, cookie, rateLimiter, retryPolicy, json);
    }
}

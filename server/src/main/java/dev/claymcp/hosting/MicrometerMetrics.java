package dev.claymcp.hosting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.claymcp.clay.ClayMetrics;
import dev.claymcp.policy.ToolCallMetrics;

/**
 * The hosted server's metrics, in Prometheus' format on the management port: tool calls by tool, outcome and failure
 * class; each request to Clay by operation and HTTP status; the time requests waited for the rate limit. Every label
 * value comes from this server's code (tool names from its registry), never from what a client sent.
 */
@Singleton
public class MicrometerMetrics implements ClayMetrics, ToolCallMetrics {

    private final MeterRegistry registry;
    private final Timer rateLimitWaits;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimitWaits = Timer.builder("clay.rate.limit.wait")
                .description("Time a request to Clay waited for the shared rate limit")
                .register(registry);
    }

    @Override
    public void call(String tool, String outcome, String failure, long nanos) {
        timers.computeIfAbsent("call " + tool + ' ' + outcome + ' ' + failure, k -> Timer.builder("clay.mcp.tool.calls")
                .description("Tool calls by tool, outcome and failure class")
                .tag("tool", tool).tag("outcome", outcome).tag("failure", failure).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void request(String operation, String status, long nanos) {
        timers.computeIfAbsent("request " + operation + ' ' + status, k -> Timer.builder("clay.requests")
                .description("Requests to Clay's API, each attempt, by operation and HTTP status")
                .tag("operation", operation).tag("status", status).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rateLimitWait(long nanos) {
        rateLimitWaits.record(nanos, TimeUnit.NANOSECONDS);
    }
}

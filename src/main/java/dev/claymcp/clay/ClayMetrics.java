package dev.claymcp.clay;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators see of the requests to Clay (on the management port's /q/metrics): each attempt's latency by
 * operation and HTTP status ({@code none} when Clay never answered), and the time calls waited for the shared rate
 * limit. Tags never hold ids, cookies or tokens.
 */
public class ClayMetrics {

    private final MeterRegistry registry;
    private final Timer rateLimitWaits;
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

    public ClayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimitWaits = Timer.builder("clay.rate.limit.wait")
                .description("Time a request to Clay waited for the shared rate limit")
                .register(registry);
    }

    void request(String operation, String status, long nanos) {
        requests.computeIfAbsent(operation + ' ' + status, k -> Timer.builder("clay.requests")
                .description("Requests to Clay's API, each attempt, by operation and HTTP status")
                .tag("operation", operation).tag("status", status).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void rateLimitWait(long nanos) {
        rateLimitWaits.record(Duration.ofNanos(nanos));
    }
}

package dev.claymcp.clay;

/**
 * What operators see of the requests to Clay: each attempt's latency by operation and HTTP status ({@code none} when
 * Clay never answered), and the time calls waited for the rate limit. The hosted server keeps them as Prometheus
 * metrics; the desktop server, which nobody scrapes, keeps nothing ({@link #NONE}). Tags never hold ids, cookies or
 * tokens.
 */
public interface ClayMetrics {

    ClayMetrics NONE = new ClayMetrics() {
        @Override
        public void request(String operation, String status, long nanos) {
        }

        @Override
        public void rateLimitWait(long nanos) {
        }
    };

    void request(String operation, String status, long nanos);

    void rateLimitWait(long nanos);
}

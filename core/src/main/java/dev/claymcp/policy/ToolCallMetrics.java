package dev.claymcp.policy;

/**
 * What operators see of tool calls: their time by tool, outcome ({@code ok}, {@code error}, {@code refused}) and
 * failure class. The hosted server keeps them as Prometheus metrics; the desktop server keeps nothing ({@link #NONE}).
 */
public interface ToolCallMetrics {

    ToolCallMetrics NONE = (tool, outcome, failure, nanos) -> {
    };

    void call(String tool, String outcome, String failure, long nanos);
}

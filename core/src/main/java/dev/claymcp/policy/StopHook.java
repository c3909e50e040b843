package dev.claymcp.policy;

/**
 * A transport's part of a graceful stop, run once the running tool calls have answered (or their time is up): the
 * HTTP transport ends its open event streams, which would otherwise hold the HTTP server's own shutdown.
 */
public interface StopHook {

    void afterCalls();
}

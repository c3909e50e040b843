package dev.claymcp.transport;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.claymcp.policy.StopHook;

/**
 * The stdio transport's part of a stop: once the running tool calls have answered, waits (bounded) until those
 * answers are written to stdout; otherwise a client would see the process exit without them.
 */
@Singleton
@Unremovable
public class StdioDrain implements StopHook {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Override
    public void afterCalls() {
        StdioGuard.awaitAnswered(WAIT);
    }
}

package dev.claymcp.transport;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;

/**
 * On shutdown in stdio mode, waits (bounded) until the answers to the requests already received are written to
 * stdout, after the running tool calls have finished; otherwise a client would see the process exit without them.
 */
@Singleton
public class StdioDrain {

    static final Duration WAIT = Duration.ofSeconds(5);

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) ShutdownEvent event) {
        StdioGuard.awaitAnswered(WAIT);
    }
}

package dev.claymcp.policy;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

/**
 * Knows when the server is stopping and which tool calls are still running. When a stop is requested
 * ({@link #requestStop()}, on SIGTERM), running calls are told to stop at their next safe point (a bulk add at its next
 * chunk) and answer with what they did; {@code GracefulStop} waits a bounded time for them to finish before the
 * server's beans go away, so no call dies half-way with an internal error.
 */
@Singleton
public class ServerLifecycle {

    public static final Duration FINISH_WAIT = Duration.ofSeconds(10);

    private volatile boolean stopping;
    private int running;

    /** Tells running calls to stop at their next safe point; new calls still get an answer. */
    public void requestStop() {
        stopping = true;
    }

    /** Why calls should stop now, or empty while the server runs. */
    public Optional<String> stopReason() {
        return stopping ? Optional.of("the server is shutting down") : Optional.empty();
    }

    public boolean isStopping() {
        return stopping;
    }

    synchronized void callStarted() {
        running++;
    }

    synchronized void callEnded() {
        running--;
        notifyAll();
    }

    public synchronized int runningCalls() {
        return running;
    }

    /** Waits until no tool call runs, at most {@code timeout}; true when none does. */
    public synchronized boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running == 0;
        }
        return true;
    }
}

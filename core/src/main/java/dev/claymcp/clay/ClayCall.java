package dev.claymcp.clay;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The bounds of one tool call's requests to Clay, put in place around every tool call by the policy layer: a time
 * budget for the whole call, retries included, and a signal that says why to stop early (the client cancelled, the
 * session ended, the server is stopping). Requests made outside a tool call have no such bounds.
 */
public final class ClayCall {

    private static final ThreadLocal<ClayCall> CURRENT = new ThreadLocal<>();
    private static final ClayCall UNBOUNDED = new ClayCall(Duration.ofDays(1), Optional::empty, System::nanoTime);

    /** Ends the bounds of a call on this thread. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final Duration budget;
    private final long deadline;
    private final Supplier<Optional<String>> stop;
    private final LongSupplier clock;
    private boolean attempted;

    ClayCall(Duration budget, Supplier<Optional<String>> stop, LongSupplier clock) {
        this.budget = budget;
        this.clock = clock;
        this.deadline = clock.getAsLong() + budget.toNanos();
        this.stop = stop;
    }

    /** The call running on this thread, or one without bounds. */
    public static ClayCall current() {
        ClayCall call = CURRENT.get();
        return call == null ? UNBOUNDED : call;
    }

    /**
     * Makes a call with these bounds current on this thread until the scope is closed.
     *
     * @param stop says why the call should stop now, or empty to go on
     */
    public static Scope open(Duration budget, Supplier<Optional<String>> stop) {
        return open(new ClayCall(budget, stop, System::nanoTime));
    }

    static Scope open(ClayCall call) {
        ClayCall previous = CURRENT.get();
        CURRENT.set(call);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Why the call should stop now (e.g. "the client cancelled the call"), or empty. */
    public Optional<String> stopReason() {
        return stop.get();
    }

    public Duration budget() {
        return budget;
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - clock.getAsLong()));
    }

    /**
     * Whether an attempt that may take up to {@code attemptTime} may start: the first attempt of a call always may
     * (otherwise a tiny budget would stop everything), later ones only when they can end within the budget.
     */
    synchronized boolean mayStartAttempt(Duration attemptTime) {
        boolean first = !attempted;
        attempted = true;
        return first || remaining().compareTo(attemptTime) >= 0;
    }
}

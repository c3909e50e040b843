package dev.claymcp.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The requests received on stdin and not answered yet, by id (as JSON text), so that the end of stdin can wait for
 * their answers before the library is told, and the process exits only once they are written.
 */
final class InFlight {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();

    /** Notes a request; false when one with the same id is still unanswered. */
    boolean received(String id) {
        return ids.add(id);
    }

    void answered(String id) {
        if (ids.remove(id)) {
            synchronized (changed) {
                changed.notifyAll();
            }
        }
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    int size() {
        return ids.size();
    }

    /** Waits until every request received has been answered, at most {@code timeout}; true when none is left. */
    boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!ids.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ids.isEmpty();
                }
            }
        }
        return true;
    }
}

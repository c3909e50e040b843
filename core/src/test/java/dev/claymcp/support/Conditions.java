package dev.claymcp.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something to become true, instead of sleeping a fixed time and hoping. */
public final class Conditions {

    private Conditions() {
    }

    /** Returns as soon as {@code condition} holds; fails after {@code atMost}, naming what was awaited. */
    public static void await(Duration atMost, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + atMost.toSeconds() + " s for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}

package dev.claymcp.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

import dev.claymcp.clay.ClayTable;

/** Sandboxes for unit tests of what sits on top of {@code ClayTables}: one that counts schema reads, one fixed. */
public final class SandboxTables {

    private SandboxTables() {
    }

    /** A sandbox that counts how often a table's schema is read. */
    public static final class Counting extends SandboxClayTables {
        private final AtomicInteger reads;

        Counting(AtomicInteger reads) {
            super(1000);
            this.reads = reads;
        }

        @Override
        public ClayTable table(String tableId) {
            reads.incrementAndGet();
            return super.table(tableId);
        }
    }

    public static Counting counting(AtomicInteger reads) {
        return new Counting(reads);
    }

    /** A sandbox whose every table has this schema. */
    public static final class Fixed extends SandboxClayTables {
        private final ClayTable table;

        public Fixed(ClayTable table) {
            super(1000);
            this.table = table;
        }

        @Override
        public ClayTable table(String tableId) {
            return table;
        }
    }
}

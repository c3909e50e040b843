package dev.claymcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.claymcp.clay.ClayException;
import dev.claymcp.clay.NewRecord;

/** Concurrent adds to one sandbox table lose nothing, and a contested id is taken exactly once. */
class SandboxConcurrencyTest {

    @Test
    void concurrentAddsLoseNothing() throws Exception {
        SandboxClayTables clay = new SandboxClayTables(100_000);
        int threads = 8;
        int batches = 50;
        int perBatch = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<NewRecord> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        batch.add(new NewRecord("t" + thread + "-b" + b + "-" + i, Map.of("f_n", i)));
                    }
                    clay.addRecords("t_c", batch);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(threads * batches * perBatch, clay.countRows("t_c"));
        assertEquals(threads * batches * perBatch, new HashSet<>(clay.recordIds("t_c", "gv_1")).size());
    }

    @Test
    void aContestedIdIsAddedExactlyOnce() throws Exception {
        SandboxClayTables clay = new SandboxClayTables(100_000);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                try {
                    clay.addRecords("t_c", List.of(new NewRecord("same", Map.of())));
                } catch (ClayException e) {
                    refused.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(1, clay.countRows("t_c"));
        assertEquals(7, refused.get());
    }
}

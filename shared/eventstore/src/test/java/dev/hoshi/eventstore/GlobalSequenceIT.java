package dev.hoshi.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.testsupport.TestMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GlobalSequenceIT {

    private final TestMongo mongo = TestMongo.get();
    private final GlobalSequence sequence = new GlobalSequence(
            mongo.client().getDatabase(mongo.freshDatabaseName("seq")).getCollection("counters"));

    @Test
    void numbersStartAtOneAndBlocksFollowEachOther() {
        assertThat(sequence.current()).isZero();
        assertThat(sequence.reserve(3)).isEqualTo(1);
        assertThat(sequence.reserve(1)).isEqualTo(4);
        assertThat(sequence.current()).isEqualTo(4);
    }

    /** Guards the embedded server's in-place update, which once handed two callers the same AFTER image. */
    @Test
    void concurrentReservationsNeverHandOutTheSameNumberTwice() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<long[]>>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int blockSize = t + 1;
                work.add(threads.submit(() -> {
                    List<long[]> blocks = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        blocks.add(new long[] {sequence.reserve(blockSize), blockSize});
                    }
                    return blocks;
                }));
            }
            TreeSet<Long> handedOut = new TreeSet<>();
            long count = 0;
            for (Future<List<long[]>> f : work) {
                for (long[] block : f.get()) {
                    LongStream.range(block[0], block[0] + block[1]).forEach(handedOut::add);
                    count += block[1];
                }
            }
            assertThat(handedOut).hasSize((int) count);
            assertThat(handedOut.first()).isEqualTo(1);
            assertThat(handedOut.last()).isEqualTo(count);
            assertThat(sequence.current()).isEqualTo(count);
        } finally {
            threads.shutdownNow();
        }
    }
}

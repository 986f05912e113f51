package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuUseTest {

    @Test
    void machineTicksCountIdleAndIowaitAsNotBusy() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        long[] ticks = CpuUse.machineTicks("cpu  100 5 50 800 40 3 2 0 7 0");

        assertThat(ticks).containsExactly(160, 1000);
    }

    @Test
    void aPerCoreLineIsRefused() {
        assertThatThrownBy(() -> CpuUse.machineTicks("cpu0 1 2 3 4 5 6 7 8 9 10"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processTicksAreUserPlusSystemCountedAfterTheCommandName() {
        // a command name with a space and a parenthesis of its own
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 567 0 0 20 0 45 0 100 0 0";

        assertThat(CpuUse.processTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void describesTheMachineAndEachJvmInPercentOfOneCoreLargestFirst() {
        // 2 cores for 10 s at 100 ticks a second: 2,000 ticks in all, 1,000 per core
        CpuUse.Snapshot before = new CpuUse.Snapshot(0, 0, Map.of("gateway", 100L, "compliance", 50L));
        CpuUse.Snapshot after = new CpuUse.Snapshot(1_700, 2_000, Map.of("gateway", 650L, "compliance", 750L));

        assertThat(CpuUse.describe(before, after, 2))
                .isEqualTo("cpu: machine 85% busy (2 cores); of one core: compliance 70%, gateway 55%");
    }

    @Test
    void readsAFakeProcOfItsOwn(@TempDir Path proc) throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n");
        Files.createDirectories(proc.resolve(Long.toString(self)));
        Files.writeString(
                proc.resolve(Long.toString(self)).resolve("stat"),
                self + " (java) S 1 1 1 0 -1 0 0 0 0 0 30 12 0 0 20 0 45 0 100 0 0");

        CpuUse.Snapshot now = new CpuUse(Map.of(), proc).now().orElseThrow();

        assertThat(now.machineBusy()).isEqualTo(200);
        assertThat(now.machineTotal()).isEqualTo(1000);
        assertThat(now.jvms()).containsExactly(Map.entry(EndToEndBenchmark.BENCHMARK_JVM, 42L));
    }

    @Test
    void nothingWhereThereIsNoProc(@TempDir Path empty) {
        assertThat(new CpuUse(Map.of(), empty).now()).isEmpty();
    }
}

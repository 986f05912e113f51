package dev.hoshi.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much CPU each JVM of the benchmark used over a phase, and how busy the machine was, read from Linux's {@code
 * /proc}: whether a phase was bound by the CPU, and by whose. The JVMs are the stack's services and this one, which
 * hosts the embedded store and the clients. Elsewhere than on Linux nothing can be read and nothing is printed.
 */
final class CpuUse {

    /** Clock ticks: the machine's busy and total ticks over all cores, and each JVM's user plus system ticks. */
    record Snapshot(long machineBusy, long machineTotal, Map<String, Long> jvms) {}

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Path proc;

    /** @param services each service's JVM by its name ({@link LocalStack#processesByName()}) */
    CpuUse(Map<String, ProcessHandle> services) {
        this(services, Path.of("/proc"));
    }

    CpuUse(Map<String, ProcessHandle> services, Path proc) {
        services.forEach((name, process) -> pids.put(name, process.pid()));
        pids.put(EndToEndBenchmark.BENCHMARK_JVM, ProcessHandle.current().pid());
        this.proc = proc;
    }

    /** Now, or empty where {@code /proc} cannot be read. */
    Optional<Snapshot> now() {
        try {
            long[] machine =
                    machineTicks(Files.readAllLines(proc.resolve("stat")).get(0));
            Map<String, Long> jvms = new LinkedHashMap<>();
            for (Map.Entry<String, Long> pid : pids.entrySet()) {
                Path stat = proc.resolve(pid.getValue().toString()).resolve("stat");
                if (Files.isReadable(stat)) {
                    jvms.put(pid.getKey(), processTicks(Files.readString(stat)));
                }
            }
            return Optional.of(new Snapshot(machine[0], machine[1], jvms));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * One line: how busy the machine was, and each JVM's share in percent of one core, the largest first. The ticks'
     * length needs no constant: over the phase the machine's total ticks are {@code cores × seconds} worth.
     */
    static String describe(Snapshot before, Snapshot after, int cores) {
        long total = after.machineTotal() - before.machineTotal();
        if (total <= 0) {
            return "cpu: not measurable (no clock ticks passed)";
        }
        double ticksPerCore = (double) total / cores;
        List<Map.Entry<String, Double>> shares = new ArrayList<>();
        after.jvms().forEach((name, ticks) -> {
            Long earlier = before.jvms().get(name);
            if (earlier != null) {
                shares.add(Map.entry(name, 100.0 * (ticks - earlier) / ticksPerCore));
            }
        });
        shares.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> parts = new ArrayList<>();
        shares.forEach(share -> parts.add(String.format("%s %.0f%%", share.getKey(), share.getValue())));
        return String.format(
                "cpu: machine %.0f%% busy (%d cores); of one core: %s",
                100.0 * (after.machineBusy() - before.machineBusy()) / total, cores, String.join(", ", parts));
    }

    /** Busy and total ticks from the first line of {@code /proc/stat}; idle and iowait are not busy. */
    static long[] machineTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not the machine's cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal (guest and guest_nice are inside user and nice already)
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            long ticks = Long.parseLong(fields[i]);
            total += ticks;
            if (i == 4 || i == 5) {
                idle += ticks;
            }
        }
        return new long[] {total - idle, total};
    }

    /**
     * User plus system ticks from {@code /proc/<pid>/stat}. The command name in parentheses may hold spaces and
     * parentheses itself, so the fields are counted after the last ')': utime and stime are the 12th and 13th there.
     */
    static long processTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}

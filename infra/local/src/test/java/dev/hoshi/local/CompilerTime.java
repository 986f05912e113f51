package dev.hoshi.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How long each JVM of the benchmark has spent in its JIT compilers so far: the stack's services (the JDK's
 * {@code jstat -compiler}, its {@code Time} column) and this JVM, which hosts the embedded store. A JVM that has not
 * compiled its hot paths yet runs them slower and spends a large share of the CPU compiling them, so the benchmark
 * measures only once this has gone quiet ({@code EndToEndBenchmark}'s warm-up).
 */
final class CompilerTime {

    private final Map<String, ProcessHandle> services;
    private final Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");

    /** @param services each service's JVM by its name ({@link LocalStack#processesByName()}) */
    CompilerTime(Map<String, ProcessHandle> services) {
        this.services = services;
    }

    /** Whether the services' compile times can be read (a JDK with {@code jstat}, not a bare runtime). */
    boolean available() {
        return Files.isExecutable(jstat);
    }

    /**
     * Seconds each JVM has compiled for, this one as {@link EndToEndBenchmark#BENCHMARK_JVM}; a JVM not readable is
     * left out.
     */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        services.forEach((name, process) -> read(process.pid()).ifPresent(s -> seconds.put(name, s)));
        seconds.put(
                EndToEndBenchmark.BENCHMARK_JVM,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1000.0);
        return seconds;
    }

    private Optional<Double> read(long pid) {
        if (!available()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            // Compiled Failed Invalid   Time   FailedType FailedMethod
            //     9346      0       0    34.47          0
            String[] lines = output.strip().split("\n");
            String[] columns = lines[lines.length - 1].trim().split("\\s+");
            return Optional.of(Double.parseDouble(columns[3]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** What each JVM compiled between {@code before} and {@code after}, and the total. */
    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> grown = new LinkedHashMap<>();
        after.forEach((name, seconds) -> grown.put(name, seconds - before.getOrDefault(name, seconds)));
        return grown;
    }
}

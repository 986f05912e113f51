package dev.hoshi.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The end-to-end tests' stack: the real jars as separate JVMs on the embedded store in {@code data}, on free ports,
 * seeded with the demo data through the gateway ({@link LocalStackIT}, {@link BadInputCorpusIT}).
 */
final class LocalStackFixture {

    /**
     * For tests and benchmarks whose clients send as fast as answers come: the gateway's per-caller and anonymous
     * limits raised beyond reach (the limiter stays on, its cost part of every request; its own behaviour is
     * RateLimitFilterTest's and RateLimitIT's).
     */
    static final Map<String, String> NO_RATE_LIMIT = Map.of(
            "HOSHI_GATEWAY_RATELIMIT_PERMINUTE", "100000000",
            "HOSHI_GATEWAY_RATELIMIT_BURST", "1000000",
            "HOSHI_GATEWAY_RATELIMIT_ANONYMOUSPERMINUTE", "100000000",
            "HOSHI_GATEWAY_RATELIMIT_ANONYMOUSBURST", "1000000");

    private LocalStackFixture() {}

    /** Empties a kept data directory of an earlier run (under target/). */
    static void deleteRecursively(Path dir) throws IOException {
        ClassDataSharing.deleteRecursively(dir);
    }

    /** A configuration on free ports with its data (and the embedded store's file) in {@code data}. */
    static LocalStack.Config config(Path data) throws IOException {
        return LocalStack.Config.onFreePorts(Path.of("../..").toAbsolutePath().normalize(), data, Optional.empty());
    }

    /** Starts the stack and seeds the demo data, saying what it does on stdout. */
    static LocalStack startSeeded(LocalStack.Config config, DemoData demo) throws IOException, InterruptedException {
        return startSeeded(config, demo, Map.of());
    }

    /** The same, with {@code environment} set in every child JVM over the runner's own settings. */
    static LocalStack startSeeded(LocalStack.Config config, DemoData demo, Map<String, String> environment)
            throws IOException, InterruptedException {
        Instant started = Instant.now();
        // the demo's mail catcher on free ports (0: the system chooses)
        LocalStack stack = LocalStack.create(config).withMailCatcher(0, 0);
        environment.forEach(stack::withEnvironment);
        stack.startAll(line -> System.out.println("[local] " + line));
        System.out.printf(
                "[local] all healthy after %d s%n",
                Duration.between(started, Instant.now()).toSeconds());
        try {
            demo.seed(line -> System.out.println("[local] " + line));
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }
}

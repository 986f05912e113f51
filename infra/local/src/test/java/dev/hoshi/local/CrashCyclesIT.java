package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.store.StoreProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crash cycles on the real jars: three clients change controls through the gateway (each change carries a unique
 * evidence note), while, cycle after cycle, a random part (a service, the gateway, or the store's own process) is
 * killed with SIGKILL at a random moment and started again; then {@link ControlChanges}'s checks: nothing lost, doubled
 * or miscounted, and only clean failures.
 */
class CrashCyclesIT {

    private static final int CYCLES = Integer.getInteger("hoshi.crash.cycles", 20);
    private static final long SEED = Long.getLong("hoshi.crash.seed", System.nanoTime());
    private static final List<String> PARTS = List.of("store", "gateway", "directory", "compliance", "insights");
    /** The clients' count: changes in flight at a restart may still be answered; one past them proves recovery. */
    private static final int CLIENTS = 3;

    private static final Duration RECOVERY = Duration.ofSeconds(180);

    /** Kept after the run (logs of every part, the store's file) under target/, emptied at the start. */
    private final Path data = Path.of("target/crash-cycles").toAbsolutePath();

    @Test
    void acknowledgedChangesSurviveKilledPartsExactlyOnceAndEveryViewAgrees() throws Exception {
        LocalStackFixture.deleteRecursively(data);
        Random random = new Random(SEED);
        System.out.printf("[crash] %d cycles, seed %d (-Dhoshi.crash.seed to repeat)%n", CYCLES, SEED);
        StoreProcess store =
                StoreProcess.onFreePort(data.resolve("store-process")).start(Duration.ofSeconds(60));
        LocalStack.Config config = LocalStack.Config.onFreePorts(
                Path.of("../..").toAbsolutePath().normalize(), data, Optional.of(store.connectionString()));
        DemoData demo = new DemoData(config.gatewayUrl());
        long started = System.nanoTime();
        try (store;
                LocalStack stack = LocalStackFixture.startSeeded(config, demo, LocalStackFixture.NO_RATE_LIMIT)) {
            ControlChanges clients = new ControlChanges(new GatewayClient(config.gatewayUrl()), demo, SEED, "[crash]");
            clients.start();
            long cyclesStarted = System.nanoTime();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                Thread.sleep(300 + random.nextInt(1_500)); // load, then a crash at a random moment
                String part = PARTS.get(random.nextInt(PARTS.size()));
                long before = clients.acknowledged();
                long killed = System.nanoTime();
                if (part.equals("store")) {
                    store.kill();
                    store.start(Duration.ofSeconds(60));
                } else {
                    stack.kill(part);
                    stack.restart(part, line -> {});
                }
                double restart = (System.nanoTime() - killed) / 1e9;
                // recovered: a change sent after the restart is acknowledged (each crash then meets a working system)
                long restarted = clients.acknowledged();
                long deadline = System.nanoTime() + RECOVERY.toNanos();
                while (clients.acknowledged() <= restarted + CLIENTS) {
                    assertThat(System.nanoTime())
                            .as("changes acknowledged again within %s of restarting the %s", RECOVERY, part)
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
                System.out.printf(
                        "[crash] cycle %2d: killed %-10s restarted in %4.1f s, accepting changes %4.1f s later"
                                + " (%,d acknowledged before the kill)%n",
                        cycle, part, restart, (System.nanoTime() - killed) / 1e9 - restart, before);
            }
            System.out.printf("[crash] %d cycles in %.0f s%n", CYCLES, (System.nanoTime() - cyclesStarted) / 1e9);
            clients.stopAndVerify(store.connectionString(), CYCLES);
            System.out.printf("[crash] whole test %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }
}

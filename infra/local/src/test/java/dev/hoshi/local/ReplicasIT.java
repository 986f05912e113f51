package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Two instances each of compliance and insights against one store, under {@link ControlChanges}' three writing
 * clients: every segment of every processor has one owner at a time (claimed through the token store); the daily
 * check's effects are there once; when the instance holding a service's segments is killed, the other claims them all
 * within the claim timeout; and, after the instance is back, {@link ControlChanges}' checks hold: nothing lost,
 * doubled or miscounted, the rollup equal to a recount.
 */
class ReplicasIT {

    private static final List<String> SERVICES = List.of("compliance", "insights");
    /** Axon's token claim timeout (10 s) plus the processors' claim interval (5 s), with room for a loaded machine. */
    private static final Duration TAKE_OVER_WITHIN = Duration.ofSeconds(45);

    private final Path data = Path.of("target/replicas").toAbsolutePath();

    @Test
    void replicasShareTheWorkTakeOverFromAKilledOneAndAgreeWithOne() throws Exception {
        LocalStackFixture.deleteRecursively(data);
        LocalStack.Config config = LocalStackFixture.config(data);
        DemoData demo = new DemoData(config.gatewayUrl());
        String storeUri = "mongodb://127.0.0.1:" + config.storePort();
        try (LocalStack stack = LocalStackFixture.startSeeded(config, demo, LocalStackFixture.NO_RATE_LIMIT);
                MongoClient mongo = MongoClients.create(storeUri)) {
            Map<String, String> replicas = new TreeMap<>();
            for (String service : SERVICES) {
                replicas.put(service, stack.startReplica(service, line -> System.out.println("[replicas] " + line)));
            }
            ControlChanges changes =
                    new ControlChanges(new GatewayClient(config.gatewayUrl()), demo, 17L, "[replicas]");
            changes.start();
            Thread.sleep(5_000);

            for (String service : SERVICES) {
                Map<String, Map<Integer, String>> owners = owners(mongo, service);
                System.out.printf("[replicas] %s segment owners: %s%n", service, owners);
                owners.forEach((processor, segments) -> assertThat(segments)
                        .as("%s: every segment claimed", processor)
                        .doesNotContainValue(null));

                // kill the instance that holds the segments; the other takes them all over
                String holder = holderOf(owners, stack, service, replicas.get(service));
                String other = holder.equals(service) ? replicas.get(service) : service;
                String otherOwner = owner(stack, other);
                long killed = System.nanoTime();
                stack.kill(holder);
                long deadline = killed + TAKE_OVER_WITHIN.toNanos();
                while (!ownedOnlyBy(owners(mongo, service), otherOwner)) {
                    assertThat(System.nanoTime())
                            .as("%s took over every segment of %s within %s", other, service, TAKE_OVER_WITHIN)
                            .isLessThan(deadline);
                    Thread.sleep(200);
                }
                System.out.printf(
                        "[replicas] killed %s: %s held every segment of %s %.1f s later%n",
                        holder, other, service, (System.nanoTime() - killed) / 1e9);
                stack.restart(holder, line -> {});
            }
            Thread.sleep(5_000);
            changes.stopAndVerify(storeUri, 10);
            assertThat(overdueEventsTwice(mongo))
                    .as("daily-check effects recorded twice")
                    .isEmpty();
        }
    }

    /** Per processor of the service, each segment's owner (null: unclaimed). */
    private static Map<String, Map<Integer, String>> owners(MongoClient mongo, String service) {
        Map<String, Map<Integer, String>> owners = new TreeMap<>();
        for (Document token : mongo.getDatabase("hoshi_" + service)
                .getCollection("trackingtokens")
                .find()) {
            owners.computeIfAbsent(token.getString("processorName"), k -> new TreeMap<>())
                    .put(token.getInteger("segment"), token.getString("owner"));
        }
        return owners;
    }

    private static boolean ownedOnlyBy(Map<String, Map<Integer, String>> owners, String owner) {
        return !owners.isEmpty()
                && owners.values().stream()
                        .allMatch(segments -> segments.values().stream().allMatch(owner::equals));
    }

    /** The instance (the service's first or its replica) that owns the most segments. */
    private static String holderOf(
            Map<String, Map<Integer, String>> owners, LocalStack stack, String first, String replica) {
        long byFirst = count(owners, owner(stack, first));
        long byReplica = count(owners, owner(stack, replica));
        return byFirst >= byReplica ? first : replica;
    }

    private static long count(Map<String, Map<Integer, String>> owners, String owner) {
        return owners.values().stream()
                .flatMap(segments -> segments.values().stream())
                .filter(owner::equals)
                .count();
    }

    /** Axon's node name for an instance: its JVM's runtime name, {@code <pid>@<host>}. */
    private static String owner(LocalStack stack, String name) {
        long pid = stack.processOf(name).pid();
        try {
            return pid + "@" + java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ReviewOverdueEvents with the same content stored more than once (the daily check ran twice for a day). */
    private static List<String> overdueEventsTwice(MongoClient mongo) {
        TreeSet<String> seen = new TreeSet<>();
        List<String> twice = new ArrayList<>();
        mongo.getDatabase("hoshi_events")
                .getCollection("events")
                .find(new Document("payloadType", new Document("$regex", "ReviewOverdueEvent$")))
                .forEach(event -> {
                    String payload = String.valueOf(event.get("payload"));
                    if (!seen.add(payload)) {
                        twice.add(payload);
                    }
                });
        System.out.printf("[replicas] review-overdue events: %d distinct, %d repeated%n", seen.size(), twice.size());
        return twice;
    }
}

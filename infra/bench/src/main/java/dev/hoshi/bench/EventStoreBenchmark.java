package dev.hoshi.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.hoshi.eventstore.EventStoreCollections;
import dev.hoshi.eventstore.HoshiEventStorageEngine;
import dev.hoshi.store.FastIndexH2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * Compares, on one embedded MongoDB-wire server in one run: the raw driver's {@code insertOne} of an event-sized
 * document, Hoshi's engine, and the Axon Mongo extension's {@code MongoEventStorageEngine}. For each store size it
 * tops every store up to that many events (10 per aggregate), then measures single-event appends, aggregate loads
 * and a tracking replay from the start. Slow measurements are time-boxed and say how many samples they got.
 *
 * <pre>infra/bench/run.sh [--backend h2|h2-background|h2-stock|memory] [--sizes 10000,100000,1000000] [--budget-seconds 20]</pre>
 */
public final class EventStoreBenchmark {

    /** An event about the size of Hoshi's: a self-assessment answer with a note. */
    public record AnswerRecorded(String tenantId, String itemId, String answer, String note, LocalDate answeredOn) {}

    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final int SAMPLES = 200;
    private static final int WARM_UP = 50;
    private static final int REPLAY_EVENTS = 20_000;
    private static final String NOTE = "社内の共有フォルダのアクセス権を見直し、退職者のアカウントを削除した。Reviewed shared-folder access.";

    private final Duration budget;
    private final Random random = new Random(42);

    private EventStoreBenchmark(Duration budget) {
        this.budget = budget;
    }

    public static void main(String[] args) throws Exception {
        String backendName = option(args, "--backend", "h2");
        List<Integer> sizes = Arrays.stream(
                        option(args, "--sizes", "10000,100000").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        Duration budget = Duration.ofSeconds(Long.parseLong(option(args, "--budget-seconds", "20")));

        Path dir = Files.createTempDirectory("hoshi-bench");
        String file = dir.resolve("bench.mv").toString();
        MongoBackend backend =
                switch (backendName) {
                    case "memory" -> new MemoryBackend();
                    case "h2-stock" -> new H2Backend(file); // mongo-java-server's own, as before the store's key type
                    case "h2" -> new FastIndexH2Backend(file); // what the local runner's embedded store uses
                    // the same, acknowledging writes before they reach the file (as before durable acknowledgements)
                    case "h2-background" -> new FastIndexH2Backend(file, false);
                    default ->
                        throw new IllegalArgumentException("--backend is h2 (the local store), h2-background, h2-stock"
                                + " or memory; got " + backendName);
                };
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        System.out.printf(
                "# Event store benchmark%n%nbackend: embedded mongo-java-server (%s), JVM %s, %d cores%n%n",
                backendName,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        try (MongoClient client = MongoClients.create(uri)) {
            List<Contender> contenders = List.of(new RawDriver(client), new Hoshi(client), new Extension(client));
            new EventStoreBenchmark(budget).run(contenders, sizes);
        } finally {
            server.shutdownNow();
            deleteQuietly(dir);
        }
    }

    private void run(List<Contender> contenders, List<Integer> sizes) {
        System.out.println(
                "| events stored | store | fill (events/s, 10 per append) | append 1 event: median ms | load aggregate: median / p95 ms (samples) | replay from start: events/s (events read) |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        List<String> ratios = new ArrayList<>();
        for (int size : sizes) {
            Result hoshi = null;
            Result extension = null;
            for (Contender contender : contenders) {
                Result r = measure(contender, size);
                System.out.println(r.row(size));
                if (contender instanceof Hoshi) {
                    hoshi = r;
                } else if (contender instanceof Extension) {
                    extension = r;
                }
            }
            if (hoshi != null && extension != null) {
                ratios.add(String.format(
                        Locale.ROOT,
                        "- %,d events: aggregate load x%.1f, replay x%.1f, single append x%.1f",
                        size,
                        extension.loadMedianMs / hoshi.loadMedianMs,
                        hoshi.replayPerSecond / extension.replayPerSecond,
                        extension.appendMedianMs / hoshi.appendMedianMs));
            }
        }
        System.out.println();
        System.out.println("Hoshi's engine against the Axon Mongo extension, same run (above 1: Hoshi faster):");
        ratios.forEach(System.out::println);
    }

    private Result measure(Contender contender, int size) {
        double fill = contender.fillTo(size);
        List<Double> appends = timeEach(SAMPLES, i -> contender.appendOne("single-" + UUID.randomUUID()));
        if (contender.supportsReads()) {
            timeEach(WARM_UP, i -> contender.load(contender.randomAggregate(random))); // JIT and caches
        }
        List<Double> loads = contender.supportsReads()
                ? timeEach(SAMPLES, i -> contender.load(contender.randomAggregate(random)))
                : List.of();
        double[] replay = contender.supportsReads() ? contender.replay(REPLAY_EVENTS, budget) : new double[] {0, 0};
        return new Result(
                contender.name(),
                fill,
                median(appends),
                median(loads),
                percentile(loads, 95),
                loads.size(),
                replay[0],
                (long) replay[1]);
    }

    /** Times {@code action} up to {@code count} times, stopping early once the budget is spent. */
    private List<Double> timeEach(int count, Consumer<Integer> action) {
        List<Double> millis = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            action.accept(i);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return millis;
    }

    private record Result(
            String store,
            double fillPerSecond,
            double appendMedianMs,
            double loadMedianMs,
            double loadP95Ms,
            int loadSamples,
            double replayPerSecond,
            long replayed) {

        String row(int size) {
            String load = loadSamples == 0
                    ? "–"
                    : String.format(Locale.ROOT, "%.2f / %.2f (%d)", loadMedianMs, loadP95Ms, loadSamples);
            String replay = replayed == 0 ? "–" : String.format(Locale.ROOT, "%,.0f (%,d)", replayPerSecond, replayed);
            return String.format(
                    Locale.ROOT,
                    "| %,d | %s | %,.0f | %.2f | %s | %s |",
                    size,
                    store,
                    fillPerSecond,
                    appendMedianMs,
                    load,
                    replay);
        }
    }

    // ------------------------------------------------------------------ contenders

    private abstract static class Contender {
        private int stored;
        private int aggregates;

        abstract String name();

        abstract void appendAggregate(String aggregateId, List<DomainEventMessage<?>> events);

        abstract void appendOne(String aggregateId);

        boolean supportsReads() {
            return true;
        }

        void load(String aggregateId) {}

        double[] replay(int maxEvents, Duration budget) {
            return new double[] {0, 0};
        }

        /** Tops the store up to {@code size} events; returns the fill rate in events/s. */
        double fillTo(int size) {
            long start = System.nanoTime();
            int added = 0;
            while (stored < size) {
                String id = "org-" + aggregates++;
                appendAggregate(id, events(id, 0, EVENTS_PER_AGGREGATE));
                stored += EVENTS_PER_AGGREGATE;
                added += EVENTS_PER_AGGREGATE;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return added == 0 ? 0 : added / seconds;
        }

        String randomAggregate(Random random) {
            return "org-" + random.nextInt(aggregates);
        }
    }

    /** Baseline: one {@code insertOne} per event of a document shaped like Hoshi's. */
    private static final class RawDriver extends Contender {
        private final MongoCollection<Document> events;
        private long globalSeq;

        RawDriver(MongoClient client) {
            this.events = client.getDatabase(freshName("bench_raw")).getCollection("events");
        }

        @Override
        String name() {
            return "raw driver insertOne";
        }

        @Override
        boolean supportsReads() {
            return false;
        }

        @Override
        void appendAggregate(String aggregateId, List<DomainEventMessage<?>> batch) {
            batch.forEach(e -> events.insertOne(document(e)));
        }

        @Override
        void appendOne(String aggregateId) {
            events.insertOne(document(event(aggregateId, 0)));
        }

        private Document document(DomainEventMessage<?> e) {
            AnswerRecorded a = (AnswerRecorded) e.getPayload();
            return new Document("_id", e.getAggregateIdentifier() + ":" + e.getSequenceNumber())
                    .append("globalSeq", ++globalSeq)
                    .append("aggregateId", e.getAggregateIdentifier())
                    .append("seq", e.getSequenceNumber())
                    .append("type", e.getType())
                    .append("eventId", e.getIdentifier())
                    .append("timestamp", e.getTimestamp().toString())
                    .append("payloadType", AnswerRecorded.class.getName())
                    .append(
                            "payload",
                            "{\"tenantId\":\"" + a.tenantId() + "\",\"itemId\":\"" + a.itemId() + "\",\"answer\":\""
                                    + a.answer() + "\",\"note\":\"" + a.note() + "\"}")
                    .append("metaData", "{\"tenantId\":\"" + a.tenantId() + "\",\"actor\":\"USER:bench\"}");
        }
    }

    private abstract static class AxonEngine extends Contender {
        abstract EventStorageEngine engine();

        @Override
        void appendAggregate(String aggregateId, List<DomainEventMessage<?>> events) {
            engine().appendEvents(events);
        }

        @Override
        void appendOne(String aggregateId) {
            engine().appendEvents(event(aggregateId, 0));
        }

        @Override
        void load(String aggregateId) {
            long count = engine().readEvents(aggregateId).asStream().count();
            if (count != EVENTS_PER_AGGREGATE) {
                throw new IllegalStateException(name() + " loaded " + count + " events of " + aggregateId);
            }
        }

        @Override
        double[] replay(int maxEvents, Duration budget) {
            long start = System.nanoTime();
            long deadline = start + budget.toNanos();
            long read = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine().readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
                while (read < maxEvents && System.nanoTime() < deadline && it.hasNext()) {
                    it.next();
                    read++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {read / seconds, read};
        }
    }

    private static final class Hoshi extends AxonEngine {
        private final HoshiEventStorageEngine engine;

        Hoshi(MongoClient client) {
            EventStoreCollections collections = EventStoreCollections.in(freshName("bench_hoshi"));
            this.engine = HoshiEventStorageEngine.builder()
                    .mongoClient(client)
                    .collections(collections)
                    .serializer(JacksonSerializer.defaultSerializer())
                    .build();
        }

        @Override
        String name() {
            return "Hoshi engine";
        }

        @Override
        EventStorageEngine engine() {
            return engine;
        }
    }

    private static final class Extension extends AxonEngine {
        private final MongoEventStorageEngine engine;

        Extension(MongoClient client) {
            this.engine = MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder()
                            .mongoDatabase(client, freshName("bench_extension"))
                            .build())
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer())
                    .build();
            engine.ensureIndexes();
        }

        @Override
        String name() {
            return "Axon Mongo extension";
        }

        @Override
        EventStorageEngine engine() {
            return engine;
        }
    }

    // ------------------------------------------------------------------ helpers

    static List<DomainEventMessage<?>> events(String aggregateId, long from, int count) {
        List<DomainEventMessage<?>> list = new ArrayList<>(count);
        for (long seq = from; seq < from + count; seq++) {
            list.add(event(aggregateId, seq));
        }
        return list;
    }

    static DomainEventMessage<?> event(String aggregateId, long seq) {
        return new GenericDomainEventMessage<>(
                "Assessment",
                aggregateId,
                seq,
                new AnswerRecorded(
                        "tenant-" + aggregateId, "Q" + (seq % 25 + 1), "DONE", NOTE, LocalDate.of(2026, 4, 1)),
                MetaData.with("tenantId", "tenant-" + aggregateId).and("actor", "USER:bench"));
    }

    private static String freshName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans up what is left
        }
    }
}

package dev.hoshi.testsupport.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.testsupport.InternalTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;

/**
 * "Rebuild equals live" for a running service: once its projections have caught up with the events a test stored,
 * each projection in turn is rebuilt through the operators' {@code rebuildProjection} mutation (the service's own
 * GraphQL endpoint, an operator's token) and, once it has replayed the store, the service database must hold exactly
 * the read model built live ({@link ReadModels}: same content hash per collection). Projections are looked up from
 * the service's processors, never listed by hand, so a new one, or a new layout version of one, is covered at once.
 */
public final class RebuildEquals {

    /** What one rebuild did: the processing group, the segments reset, how long the replay took, the hashes after. */
    public record Rebuilt(String processingGroup, int segments, Duration replay, Map<String, String> hashes) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI graphql;
    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final MongoDatabase database;
    private final Set<String> skipped = new LinkedHashSet<>(Set.of("trackingtokens"));
    private final Set<String> ignored = new LinkedHashSet<>();
    private final Set<String> unordered = new LinkedHashSet<>();
    private boolean zeroIsAbsent;
    private final Duration timeout = Duration.ofSeconds(180);

    private RebuildEquals(
            URI graphql,
            EventProcessingConfiguration processing,
            StreamableMessageSource<TrackedEventMessage<?>> store,
            MongoDatabase database) {
        this.graphql = graphql;
        this.processing = processing;
        this.store = store;
        this.database = database;
    }

    public static RebuildEquals of(
            int port,
            EventProcessingConfiguration processing,
            StreamableMessageSource<TrackedEventMessage<?>> store,
            MongoDatabase database) {
        return new RebuildEquals(URI.create("http://localhost:" + port + "/graphql"), processing, store, database);
    }

    /** Collections that are no read model (written by commands or queries, not by projections). */
    public RebuildEquals skipping(String... collections) {
        skipped.addAll(List.of(collections));
        return this;
    }

    /** Fields that record how processing went rather than what the events say (timestamps, write counters). */
    public RebuildEquals ignoring(String... fields) {
        ignored.addAll(List.of(fields));
        return this;
    }

    /** Arrays under these names are sets ({@code $addToSet}: the order of writes, which batching changes). */
    public RebuildEquals unordered(String... fields) {
        unordered.addAll(List.of(fields));
        return this;
    }

    /** Counters at 0 read as absent (see {@link ReadModels.Canon}). */
    public RebuildEquals zeroIsAbsent() {
        zeroIsAbsent = true;
        return this;
    }

    /** The projections that can be rebuilt: streaming processors whose handlers replay. */
    public List<String> projections() {
        List<String> names = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.supportsReset()) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    /** The read model as it stands once every projection has caught up with the store. */
    public ReadModels.Contents caughtUp() {
        ReadModels.awaitCaughtUp(processing, store, timeout);
        return ReadModels.contents(
                database, skipped, new ReadModels.Canon(Set.copyOf(ignored), Set.copyOf(unordered), zeroIsAbsent));
    }

    /**
     * Rebuilds every projection, one after another, and fails naming the first document that differs from {@code
     * live} (the contents built live, {@link #caughtUp()}).
     */
    public List<Rebuilt> assertEveryRebuildEquals(ReadModels.Contents live) {
        List<Rebuilt> rebuilt = new ArrayList<>();
        for (String projection : projections()) {
            rebuilt.add(assertRebuildEquals(projection, live));
        }
        return rebuilt;
    }

    /**
     * {@link #assertEveryRebuildEquals}, and each projection replayed by {@code segments} segments; prints what each
     * replay of the {@code events} took.
     */
    public List<Rebuilt> assertEveryRebuildEquals(ReadModels.Contents live, int segments, long events) {
        List<Rebuilt> rebuilt = assertEveryRebuildEquals(live);
        for (Rebuilt one : rebuilt) {
            System.out.printf(
                    "rebuild %s: %d events replayed by %d segments in %d ms, %d documents equal to live%n",
                    one.processingGroup(), events, one.segments(), one.replay().toMillis(), live.documents());
            if (one.segments() != segments) {
                throw new AssertionError(
                        one.processingGroup() + " was replayed by " + one.segments() + " segments, not " + segments);
            }
        }
        return rebuilt;
    }

    /** Rebuilds {@code projection} by the operators' mutation and compares the result with {@code live}. */
    public Rebuilt assertRebuildEquals(String projection, ReadModels.Contents live) {
        long started = System.nanoTime();
        JsonNode payload = rebuildAsOperator(projection);
        if (!payload.path("errors").isEmpty() || payload.path("projection").isNull()) {
            throw new AssertionError("rebuildProjection(" + projection + ") answered " + payload);
        }
        ReadModels.Contents after = caughtUp();
        Duration replay = Duration.ofNanos(System.nanoTime() - started);
        Map<String, String> differences = after.differencesFrom(live);
        if (!differences.isEmpty()) {
            throw new AssertionError("After rebuilding " + projection + " the read model differs from the one built"
                    + " live (rebuilt vs live): " + differences);
        }
        return new Rebuilt(
                payload.path("projection").path("processingGroup").asText(),
                payload.path("projection").path("segments").asInt(),
                replay,
                after.hashes());
    }

    /** The payload of {@code rebuildProjection(name)} called with an operator's token. */
    public JsonNode rebuildAsOperator(String name) {
        String token = InternalTokens.shared().user("rebuild-operator", null, "platform_operator");
        Document body = new Document(
                        "query",
                        "mutation($name: String!) { rebuildProjection(name: $name) {"
                                + " projection { processingGroup segments } errors { code message messageJa } } }")
                .append("variables", new Document("name", name));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(graphql)
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toJson()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || answer.has("errors")) {
                throw new AssertionError(
                        "rebuildProjection(" + name + "): HTTP " + response.statusCode() + " " + response.body());
            }
            return answer.path("data").path("rebuildProjection");
        } catch (IOException e) {
            throw new AssertionError("rebuildProjection(" + name + ") could not be called", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

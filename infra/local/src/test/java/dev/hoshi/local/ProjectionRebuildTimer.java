package dev.hoshi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.hoshi.platform.axon.LayoutVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Times each projection's rebuild on the running system: the operators' {@code rebuildProjection(name)} empties the
 * read model and replays the store from its first event; the projection has caught up when every segment's token is
 * back at the position it was reset from (a replay token's current position at its reset position, or a plain token at
 * or past the position it held before). The rate is the
 * events replayed (that position) per second. Projections that are a record and never replayed (the access log) are
 * listed as such.
 */
final class ProjectionRebuildTimer {

    /** One projection's rebuild: {@code seconds} is NaN for a projection that refuses to be rebuilt. */
    record Rebuild(String service, String projection, long events, double seconds) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** Sends the rebuild as an operator through the gateway; throws (with the payload's errors) on a refusal. */
    interface Operator {
        JsonNode rebuild(String service, String projection) throws Exception;
    }

    private static final List<String> SERVICES = List.of("directory", "compliance", "insights");
    private static final String REPLAY_TOKEN = "org.axonframework.eventhandling.ReplayToken";

    private final ObjectMapper json = new ObjectMapper();

    List<Rebuild> rebuildEach(String storeUri, Operator operator) throws Exception {
        List<Rebuild> rebuilds = new ArrayList<>();
        try (MongoClient client = MongoClients.create(storeUri)) {
            for (String service : SERVICES) {
                MongoCollection<Document> tokens =
                        client.getDatabase("hoshi_" + service).getCollection("trackingtokens");
                for (String projection : newestLayouts(tokens)) {
                    rebuilds.add(rebuild(service, projection, tokens, operator));
                }
            }
        }
        return rebuilds;
    }

    /**
     * Waits until every processor of every service has reached the furthest position any processor of that service
     * holds (a processor far behind, catching up while the benchmark measures, would take the CPU the measured
     * requests need); returns how far behind the furthest-behind one was when the wait began.
     */
    long awaitAllCaughtUp(String storeUri, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long behindAtStart = -1;
        try (MongoClient client = MongoClients.create(storeUri)) {
            for (String service : SERVICES) {
                MongoCollection<Document> tokens =
                        client.getDatabase("hoshi_" + service).getCollection("trackingtokens");
                Document current = new Document("processorName", new Document("$in", newestLayouts(tokens)));
                long head = Long.MIN_VALUE; // where the furthest processor was when the wait began
                while (true) {
                    long furthest = Long.MIN_VALUE;
                    long lowest = Long.MAX_VALUE;
                    for (Document token : tokens.find(current)) {
                        long index = index(token);
                        furthest = Math.max(furthest, index);
                        lowest = Math.min(lowest, index);
                    }
                    if (head == Long.MIN_VALUE) {
                        head = furthest;
                        behindAtStart = Math.max(behindAtStart, furthest == Long.MIN_VALUE ? 0 : furthest - lowest);
                    }
                    if (furthest == Long.MIN_VALUE || lowest >= head) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(service + "'s processors did not catch up within " + limit
                                + ": lowest " + lowest + ", to reach " + head);
                    }
                    Thread.sleep(200);
                }
            }
        }
        return behindAtStart;
    }

    private Rebuild rebuild(String service, String projection, MongoCollection<Document> tokens, Operator operator)
            throws Exception {
        long head = position(tokens, projection);
        long started = System.nanoTime();
        try {
            operator.rebuild(service, projection);
        } catch (IllegalStateException refused) {
            if (String.valueOf(refused.getMessage()).contains("PROJECTION_NOT_REBUILDABLE")) {
                return new Rebuild(service, projection, head, Double.NaN);
            }
            throw refused;
        }
        while (!caughtUp(tokens, projection, head)) {
            if (System.nanoTime() - started > 30 * 60 * 1_000_000_000L) {
                throw new IllegalStateException(projection + " did not catch up within 30 minutes");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "  rebuilt %s/%s: %,d events in %.1f s (%,.0f events/s)%n",
                service, projection, head, seconds, head / seconds);
        return new Rebuild(service, projection, head, seconds);
    }

    private static List<String> newestLayouts(MongoCollection<Document> tokens) {
        Set<String> names = new TreeSet<>();
        tokens.find().forEach(t -> names.add(t.getString("processorName")));
        return newestLayouts(names);
    }

    /**
     * The processing groups a running service has, among those with token rows: a group whose layout changed
     * ({@code insights-rollups-v7} to {@code -v9}) leaves the older name's rows behind, never moving again, so only
     * the highest {@code -vN} of a name counts (waiting for v7 to reach the head would never end, and its rebuild
     * would be refused as unknown).
     */
    static List<String> newestLayouts(Set<String> processorNames) {
        Map<String, String> newest = new TreeMap<>(); // name without -vN -> the highest version's name
        for (String name : processorNames) {
            newest.merge(
                    LayoutVersions.base(name),
                    name,
                    (held, other) -> LayoutVersions.version(other) > LayoutVersions.version(held) ? other : held);
        }
        return List.copyOf(new TreeSet<>(newest.values()));
    }

    /** The lowest position of the projection's segments (its tokens' {@code index}). */
    private long position(MongoCollection<Document> tokens, String projection) throws Exception {
        long lowest = Long.MAX_VALUE;
        for (Document token : tokens.find(new Document("processorName", projection))) {
            lowest = Math.min(lowest, index(token));
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    private boolean caughtUp(MongoCollection<Document> tokens, String projection, long head) throws Exception {
        List<Document> segments =
                tokens.find(new Document("processorName", projection)).into(new ArrayList<>());
        if (segments.isEmpty()) {
            return false;
        }
        for (Document token : segments) {
            JsonNode stored = stored(token);
            if (REPLAY_TOKEN.equals(token.getString("tokenType"))) {
                // a replay ends at the position it was reset from; the token stays a replay token until a newer
                // event arrives, which on an idle system may be never
                if (stored.path("currentToken").path("index").asLong(-1)
                        < stored.path("tokenAtReset").path("index").asLong(Long.MAX_VALUE)) {
                    return false;
                }
            } else if (stored.path("index").asLong(-1) < head) {
                return false;
            }
        }
        return true;
    }

    private long index(Document token) throws Exception {
        JsonNode node = stored(token);
        JsonNode index = node.has("index")
                ? node.get("index")
                : node.path("currentToken").path("index");
        return index.isMissingNode() ? -1 : index.asLong();
    }

    /** The token as stored (JSON bytes), or an empty object for a segment without one. */
    private JsonNode stored(Document token) throws Exception {
        Object stored = token.get("token");
        if (stored == null) {
            return json.createObjectNode();
        }
        return json.readTree(stored instanceof Binary binary ? binary.getData() : (byte[]) stored);
    }

    /** The lines the benchmark prints after its table. */
    static void report(List<Rebuild> rebuilds) {
        double total = 0;
        System.out.println("\nProjection rebuilds, one at a time (rebuildProjection, then replay to the head):");
        for (Rebuild r : rebuilds) {
            if (Double.isNaN(r.seconds())) {
                System.out.printf("  %-12s %-36s a record, never replayed%n", r.service(), r.projection());
                continue;
            }
            total += r.seconds();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "  %-12s %-36s %,9d events %7.1f s %,9.0f events/s  [>= 2,000]%n",
                    r.service(),
                    r.projection(),
                    r.events(),
                    r.seconds(),
                    r.eventsPerSecond());
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "  all read models, one after another: %.1f s  [<= 120 s at 10,000 tenants]%n",
                total);
    }

    static Map<String, Object> variables(String projection) {
        return Map.of("name", projection);
    }
}

package dev.hoshi.testsupport.axon;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * A service's read models as content, to compare one built live with one rebuilt from the event store.
 *
 * <pre>{@code
 * ReadModels.awaitCaughtUp(processing, eventStore, Duration.ofSeconds(60));
 * ReadModels.Contents live = ReadModels.contents(serviceDatabase, Set.of("trackingtokens"));
 * // ... rebuild ...
 * assertThat(ReadModels.contents(serviceDatabase, Set.of("trackingtokens")).hashes()).isEqualTo(live.hashes());
 * }</pre>
 *
 * <p>A document's content is its canonical JSON: keys sorted at every level, every whole number as a long (a counter
 * made by {@code $inc} of an int and one inserted as a long are the same count), and what {@link Canon} says to leave
 * out (timestamps of processing, write counters) or read as a set. Documents are ordered by their canonical JSON, so
 * insertion order does not matter.
 */
public final class ReadModels {

    private ReadModels() {}

    /** Each collection's documents, canonical and sorted; {@link #hashes()} its SHA-256. */
    public record Contents(Map<String, List<String>> collections) {

        public Map<String, String> hashes() {
            Map<String, String> hashes = new TreeMap<>();
            collections.forEach((name, documents) -> hashes.put(name, sha256(documents)));
            return hashes;
        }

        public int documents() {
            return collections.values().stream().mapToInt(List::size).sum();
        }

        /** Per collection that differs from {@code other}: a document only here and one only there (the first each). */
        public Map<String, String> differencesFrom(Contents other) {
            Map<String, String> differences = new TreeMap<>();
            Set<String> names = new java.util.TreeSet<>(collections.keySet());
            names.addAll(other.collections.keySet());
            for (String name : names) {
                List<String> mine = collections.getOrDefault(name, List.of());
                List<String> theirs = other.collections.getOrDefault(name, List.of());
                if (!mine.equals(theirs)) {
                    List<String> onlyMine = new ArrayList<>(mine);
                    onlyMine.removeAll(Set.copyOf(theirs));
                    List<String> onlyTheirs = new ArrayList<>(theirs);
                    onlyTheirs.removeAll(Set.copyOf(mine));
                    differences.put(
                            name,
                            mine.size() + " vs " + theirs.size() + " documents; here: "
                                    + onlyMine.stream().findFirst().orElse("-") + "; there: "
                                    + onlyTheirs.stream().findFirst().orElse("-"));
                }
            }
            return differences;
        }
    }

    /**
     * How documents are compared: fields named in {@code ignored} are removed at every level; arrays under a name in
     * {@code unordered} are sets (sorted: {@code $addToSet} keeps the order of writes, which batching changes); with
     * {@code zeroIsAbsent} a counter at 0 (and an object, or a document but its {@code _id}, left empty without it)
     * reads as no counter, since a projection that sums a batch's changes before writing never writes a counter that
     * went up and down within one batch, and batches are cut differently live and in a replay.
     */
    public record Canon(Set<String> ignored, Set<String> unordered, boolean zeroIsAbsent) {

        public static final Canon EXACT = new Canon(Set.of(), Set.of(), false);
    }

    /** Every collection of {@code database} but those in {@code skipped}, exactly. */
    public static Contents contents(MongoDatabase database, Set<String> skipped) {
        return contents(database, skipped, Canon.EXACT);
    }

    /** Every collection of {@code database} but those in {@code skipped}, compared as {@code canon} says. */
    public static Contents contents(MongoDatabase database, Set<String> skipped, Canon canon) {
        Map<String, List<String>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (skipped.contains(name)) {
                continue;
            }
            List<String> documents = new ArrayList<>();
            for (Document document : database.getCollection(name).find()) {
                Document compared = canon.zeroIsAbsent() ? withoutZeros(document) : document;
                if (canon.zeroIsAbsent() && compared.keySet().equals(Set.of("_id"))) {
                    continue; // only counters, all at 0: as if never written
                }
                StringBuilder json = new StringBuilder();
                write(compared, canon, json);
                documents.add(json.toString());
            }
            documents.sort(null);
            collections.put(name, List.copyOf(documents));
        }
        return new Contents(collections);
    }

    /**
     * Waits until every streaming processor runs, has claimed its segments and handled every event the store holds now;
     * fails after {@code timeout}.
     */
    public static void awaitCaughtUp(
            EventProcessingConfiguration processing,
            StreamableMessageSource<TrackedEventMessage<?>> store,
            Duration timeout) {
        TrackingToken head = store.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        long deadline = System.nanoTime() + timeout.toNanos();
        String behind;
        while ((behind = behind(processing, headPosition)) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Not caught up with position " + headPosition + " after " + timeout + ": " + behind);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** The whole range of sequence hashes: a segment with mask {@code m} holds {@code 1/(m+1)} of it. */
    private static final long WHOLE = 1L << 32;

    private static String behind(EventProcessingConfiguration processing, long headPosition) {
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            Collection<EventTrackerStatus> statuses =
                    processor.processingStatus().values();
            if (!processor.isRunning() || statuses.isEmpty()) {
                return entry.getKey() + " (not running or no segment claimed)";
            }
            for (EventTrackerStatus status : statuses) {
                if (status.isErrorState()) {
                    return entry.getKey() + " (error: " + status.getError() + ")";
                }
                // not isReplaying(): a replay ends only with the first event after the reset position
                if (status.getCurrentPosition().orElse(-1) < headPosition) {
                    return entry.getKey() + " (at "
                            + status.getCurrentPosition().orElse(-1) + ")";
                }
            }
            // after a reset the segments are released and claimed again one by one: those claimed so far can be at
            // the head while the others have not replayed anything yet (more than the whole: a split or merge)
            long covered = 0;
            for (EventTrackerStatus status : statuses) {
                covered += WHOLE / (status.getSegment().getMask() + 1L);
            }
            if (covered != WHOLE) {
                return entry.getKey() + " (" + statuses.size() + " segments claimed, not covering the stream once)";
            }
        }
        return null;
    }

    /** The array's items in the order of their canonical JSON. */
    private static Object asSet(Object value, Canon canon) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        List<String> items = new ArrayList<>();
        for (Object item : list) {
            StringBuilder json = new StringBuilder();
            write(item, canon, json);
            items.add(json.toString());
        }
        items.sort(null);
        return new Canonical(items);
    }

    /** Items already written canonically. */
    private record Canonical(List<String> items) {}

    private static Document withoutZeros(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> {
            Object kept = value instanceof Document inner ? withoutZeros(inner) : value;
            boolean zero = kept instanceof Number n && !(kept instanceof Decimal128) && n.doubleValue() == 0;
            if (!zero && !(kept instanceof Document d && d.isEmpty())) {
                copy.put(key, kept);
            }
        });
        return copy;
    }

    private static void write(Object value, Canon canon, StringBuilder json) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (!canon.ignored().contains(k.toString())) {
                    sorted.put(k.toString(), canon.unordered().contains(k.toString()) ? asSet(v, canon) : v);
                }
            });
            json.append('{');
            String separator = "";
            for (var e : sorted.entrySet()) {
                json.append(separator).append(quoted(e.getKey())).append(':');
                write(e.getValue(), canon, json);
                separator = ",";
            }
            json.append('}');
        } else if (value instanceof Canonical set) {
            json.append('[').append(String.join(",", set.items())).append(']');
        } else if (value instanceof List<?> list) {
            json.append('[');
            String separator = "";
            for (Object item : list) {
                json.append(separator);
                write(item, canon, json);
                separator = ",";
            }
            json.append(']');
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.append(((Number) value).longValue());
        } else if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            json.append(d.longValue());
        } else if (value instanceof Decimal128 || value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            // a sealed personal value (a fresh nonce each write) counts as its key id only
            json.append(quoted(SEALED.matcher(text).replaceAll("pd2:$1:sealed")));
        } else if (value instanceof java.util.Date date) {
            json.append(quoted(date.toInstant().toString()));
        } else {
            json.append(quoted(value.getClass().getSimpleName() + ":" + value));
        }
    }

    private static final java.util.regex.Pattern SEALED =
            java.util.regex.Pattern.compile("pd2:([0-9a-f]+):[A-Za-z0-9+/=]+");

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String sha256(List<String> documents) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String document : documents) {
                digest.update(document.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

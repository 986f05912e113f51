package dev.hoshi.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's slow-command log, as MongoDB's {@code slowms}: a command that took at least the threshold
 * (waiting for its collection included) is logged with its collection and the shape of its filter, values left out
 * ({@code {_id: ?, rev: ?}}). The embedded server uses a unique index only when a filter names exactly that index's
 * fields, so a slow filter that names more is usually a scan of the whole collection (docs/eventstore.md).
 *
 * <p>The threshold is {@code HOSHI_STORE_SLOW_MS} (environment) or {@code hoshi.store.slowMs} (system property), in
 * milliseconds; 1,000 when neither is set, 0 turns the log off.
 */
final class SlowCommands {

    private static final Logger log = LoggerFactory.getLogger(SlowCommands.class);

    private final long thresholdNanos;

    SlowCommands(long thresholdMillis) {
        this.thresholdNanos = thresholdMillis <= 0 ? Long.MAX_VALUE : thresholdMillis * 1_000_000L;
    }

    static SlowCommands fromEnvironment() {
        String configured = System.getProperty("hoshi.store.slowMs", System.getenv("HOSHI_STORE_SLOW_MS"));
        if (configured == null || configured.isBlank()) {
            return new SlowCommands(1_000);
        }
        try {
            return new SlowCommands(Long.parseLong(configured.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "HOSHI_STORE_SLOW_MS must be a whole number of milliseconds (0 = off), not '" + configured + "'",
                    e);
        }
    }

    /** Logs the command if it took at least the threshold; {@code startNanos} from {@link System#nanoTime()}. */
    void record(String database, String command, Document query, long startNanos) {
        long took = System.nanoTime() - startNanos;
        if (took >= thresholdNanos && log.isWarnEnabled()) {
            log.warn("slow command: {} ms {}", took / 1_000_000, describe(database, command, query));
        }
    }

    /** {@code update hoshi_insights.rollups filter {_id: ?, rev: ?} (1 statement)}: no values, so no data. */
    static String describe(String database, String command, Document query) {
        Object collection = query.get(command);
        String namespace = database + "." + (collection instanceof String name ? name : "?");
        return switch (command) {
            case "find", "count", "distinct" -> command + " " + namespace + " filter " + shape(filter(query));
            case "findAndModify", "findandmodify" -> command + " " + namespace + " filter " + shape(query.get("query"));
            case "update" -> statements(command, namespace, query.get("updates"));
            case "delete" -> statements(command, namespace, query.get("deletes"));
            case "aggregate" -> command + " " + namespace + " pipeline " + shape(query.get("pipeline"));
            default -> command + " " + namespace;
        };
    }

    private static Object filter(Document query) {
        return query.containsKey("filter") ? query.get("filter") : query.get("query");
    }

    private static String statements(String command, String namespace, Object statements) {
        if (!(statements instanceof List<?> list) || list.isEmpty()) {
            return command + " " + namespace;
        }
        Object first = list.get(0) instanceof Document statement ? statement.get("q") : null;
        return command + " " + namespace + " filter " + shape(first) + " (" + list.size()
                + (list.size() == 1 ? " statement)" : " statements, the first's filter)");
    }

    /** The document's field names and operators, every value a {@code ?}. */
    static String shape(Object value) {
        if (value instanceof Map<?, ?> document) {
            return document.entrySet().stream()
                    .map(field -> field.getKey() + ": " + shape(field.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : "[" + shape(list.get(0)) + (list.size() > 1 ? ", …]" : "]");
        }
        return "?";
    }
}

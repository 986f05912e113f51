package dev.hoshi.insights.rollup.query;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * A slice's history ({@code insights_rollup_history/<slice>:<yyyy-MM>}) holds each month's changes of its rollup, added
 * with {@code $inc} ({@link RollupBatch}); the rollup as of a month is the sum of the months up to it. Sums commute,
 * so the order in which batches and segments write does not change a month's figures; which month a change counts in
 * is {@code RollupBatch.countedIn}'s.
 */
final class MonthlyChanges {

    /** The fields of a month's document that are not figures. */
    private static final Set<String> NOT_FIGURES = Set.of("_id", "slice", "month", "rev");

    private MonthlyChanges() {}

    /**
     * Replaces each month's changes by the rollup as of that month (the sum of the months up to it, in month order).
     * A field that was ever changed stays, at 0 if the changes cancel out, as in the rollup itself.
     */
    static void runningSums(TreeMap<String, Document> months) {
        Document sum = new Document();
        for (Map.Entry<String, Document> month : months.entrySet()) {
            Document changes = new Document(month.getValue());
            NOT_FIGURES.forEach(changes::remove);
            sum = plus(sum, changes);
            month.setValue(sum);
        }
    }

    /** {@code sum} plus {@code changes}, field by field, nested documents alike; neither is changed. */
    static Document plus(Document sum, Document changes) {
        Document result = new Document(sum);
        changes.forEach((field, change) -> {
            Object before = result.get(field);
            if (change instanceof Document inner) {
                result.put(field, plus(before instanceof Document d ? d : new Document(), inner));
            } else if (change instanceof Number n) {
                result.put(field, (before instanceof Number b ? b.longValue() : 0L) + n.longValue());
            } else {
                throw new IllegalStateException("Not a figure in a rollup's month: " + field + " = " + change);
            }
        });
        return result;
    }
}

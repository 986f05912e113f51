package dev.hoshi.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;

/**
 * The global sequence: one counter document from which each append reserves a contiguous block of numbers with an
 * atomic {@code $inc}. Numbers start at 1. A reserved number that is never written (the writer died) is a gap that
 * trackers hold for the gap timeout and then give up.
 */
final class GlobalSequence {

    static final String COUNTER_ID = "global";
    private static final String VALUE = "value";

    private final MongoCollection<Document> counters;

    GlobalSequence(MongoCollection<Document> counters) {
        this.counters = counters;
    }

    /** Reserves {@code count} numbers and returns the first; the block is {@code [first, first + count)}. */
    long reserve(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("reserve at least one number, not " + count);
        }
        Document filter = new Document("_id", COUNTER_ID);
        Document inc = new Document("$inc", new Document(VALUE, (long) count));
        // Ask for the document as it was BEFORE the increment: the embedded MongoDB-wire server (memory backend)
        // updates in place and may serialise the AFTER image only once a concurrent increment has landed, handing
        // two callers the same number (measured: 1,961 distinct of 2,000 reservations from 4 threads). The
        // before-image is a copy on every backend.
        FindOneAndUpdateOptions options =
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE);
        Document before;
        try {
            before = counters.findOneAndUpdate(filter, inc, options);
        } catch (MongoWriteException | MongoCommandException e) {
            // two first-ever upserts raced and one lost on the unique _id: the counter exists now, go again
            if (!isDuplicateKey(e)) {
                throw e;
            }
            before = counters.findOneAndUpdate(filter, inc, options);
        }
        long previous = before == null ? 0 : before.get(VALUE, Number.class).longValue();
        return previous + 1;
    }

    /** The highest number reserved so far, 0 when none was. */
    long current() {
        Document counter = counters.find(new Document("_id", COUNTER_ID)).first();
        return counter == null ? 0 : counter.get(VALUE, Number.class).longValue();
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return ((MongoCommandException) e).getErrorCode() == 11000;
    }
}

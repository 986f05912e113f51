package dev.hoshi.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon which MongoDB failures are duplicate keys on an event's {@code _id}: a second writer of the same
 * aggregate sequence number, which Axon turns into a {@code ConcurrencyException}. A duplicate on anything else
 * (the global sequence index) is a bug, not a concurrency conflict, and is reported as a store failure.
 */
public final class MongoPersistenceExceptionResolver implements PersistenceExceptionResolver {

    private static final int DUPLICATE_KEY = 11000;

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof MongoBulkWriteException bulk) {
                return bulk.getWriteErrors().stream().anyMatch(MongoPersistenceExceptionResolver::isIdDuplicate);
            }
            if (t instanceof MongoWriteException write) {
                return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        && onIdIndex(write.getError().getMessage());
            }
            if (t instanceof MongoCommandException command) {
                return command.getErrorCode() == DUPLICATE_KEY && onIdIndex(command.getErrorMessage());
            }
        }
        return false;
    }

    private static boolean isIdDuplicate(BulkWriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY && onIdIndex(error.getMessage());
    }

    /** Real MongoDB names the index {@code _id_}; the embedded server reports the key {@code _id}. */
    private static boolean onIdIndex(String message) {
        return message != null && !message.contains(EventDocuments.GLOBAL_SEQ);
    }
}

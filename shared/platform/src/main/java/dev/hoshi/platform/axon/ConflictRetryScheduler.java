package dev.hoshi.platform.axon;

import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command again when its events lost a race for the same aggregate (another command, on this replica or
 * another, appended the same sequence number first, or created the aggregate first). Such a command stored nothing,
 * so sending it again is safe: it is decided afresh against the winner's events. Every other failure, a business
 * error above all, is final at once. After the last try the conflict reaches the caller as {@code CONFLICT}.
 */
public final class ConflictRetryScheduler extends IntervalRetryScheduler {

    private ConflictRetryScheduler(Builder builder) {
        super(builder);
    }

    /** Up to {@code retries} more tries, {@code intervalMillis} apart. */
    public static ConflictRetryScheduler create(int retries, int intervalMillis) {
        return new ConflictRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("hoshi-command-retry")))
                .maxRetryCount(retries)
                .retryInterval(intervalMillis));
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !isConflict(failure);
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}

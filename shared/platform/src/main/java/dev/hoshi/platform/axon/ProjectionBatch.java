package dev.hoshi.platform.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A projection's writes gathered over the processor's batch and written together: the pooled streaming processors
 * hand each segment's events over in batches ({@code hoshi.processing.batch-size}, one {@code BatchingUnitOfWork}
 * each), and a projection that keeps its pending changes in a {@link Buffer} here writes one bulk request per batch
 * and collection instead of a few round trips per event.
 *
 * <p>The buffer lives as a resource of the batch's unit of work. It is flushed after the batch's last event was
 * handled ({@link ProjectionBatchInterceptor}), which is before the processor stores its token in the same unit of
 * work, so a crash before the flush has finished leaves the token where it was and the batch is delivered again.
 * Anything still pending at prepare-commit (a processor without the interceptor) is flushed then. Outside a unit of
 * work (a handler called directly, a scheduled re-evaluation) the change is written at once. A failed flush fails the
 * unit of work: the token does not move and the batch comes again, so a buffer's writes must be safe to repeat.
 */
public final class ProjectionBatch {

    /** A projection's pending writes for one batch. */
    public interface Buffer {

        /** Writes everything pending; called once per batch. */
        void flush();
    }

    private static final String RESOURCE = ProjectionBatch.class.getName();

    private ProjectionBatch() {}

    /**
     * Applies {@code change} to {@code owner}'s buffer of the current batch (created with {@code factory} on first use),
     * or, outside a unit of work, to a new buffer that is flushed at once.
     */
    @SuppressWarnings("unchecked")
    public static <B extends Buffer> void write(Object owner, Supplier<B> factory, Consumer<B> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            B buffer = factory.get();
            change.accept(buffer);
            buffer.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<Object, Buffer> buffers = root.getOrComputeResource(RESOURCE, key -> {
            root.onPrepareCommit(ProjectionBatch::flush);
            return new LinkedHashMap<>();
        });
        change.accept((B) buffers.computeIfAbsent(owner, key -> factory.get()));
    }

    /** Flushes and forgets every buffer of {@code unitOfWork}'s batch, in the order they were first used. */
    static void flush(UnitOfWork<?> unitOfWork) {
        Map<Object, Buffer> buffers = unitOfWork.root().getResource(RESOURCE);
        if (buffers == null) {
            return;
        }
        for (var it = buffers.values().iterator(); it.hasNext(); ) {
            Buffer buffer = it.next();
            buffer.flush();
            it.remove();
        }
    }
}

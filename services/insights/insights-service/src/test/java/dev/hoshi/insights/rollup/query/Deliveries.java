package dev.hoshi.insights.rollup.query;

import dev.hoshi.platform.axon.ProjectionBatchInterceptor;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * Hands events to a projection as Axon's processors do: one at a time (each written at once, as a subscribing
 * handler or a direct call would), or in batches of {@code size} in one {@link BatchingUnitOfWork} each, through the
 * platform's {@link ProjectionBatchInterceptor}, as a pooled streaming processor does.
 */
final class Deliveries {

    private final AnnotationEventHandlerAdapter handler;

    Deliveries(Object projection) {
        this.handler = new AnnotationEventHandlerAdapter(projection);
    }

    void oneByOne(List<EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    void inBatches(List<EventMessage<?>> events, int size) {
        for (int from = 0; from < events.size(); from += size) {
            batch(events.subList(from, Math.min(events.size(), from + size)));
        }
    }

    void batch(List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                        unitOfWork, List.of(new ProjectionBatchInterceptor()), handler::handle)
                .proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed", result.exceptionResult());
        }
    }
}

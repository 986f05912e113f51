package dev.hoshi.testsupport.axon;

import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * Hands events to a projection as Axon's processors do: one at a time (each written at once, as a subscribing
 * handler or a direct call would), or in batches of {@code size} in one {@link BatchingUnitOfWork} each, through the
 * given handler interceptors (the platform's {@code ProjectionBatchInterceptor}), as a pooled streaming processor
 * does.
 */
public final class Deliveries {

    private final AnnotationEventHandlerAdapter handler;
    private final List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors;

    @SafeVarargs
    public Deliveries(Object projection, MessageHandlerInterceptor<? super EventMessage<?>>... interceptors) {
        this.handler = new AnnotationEventHandlerAdapter(projection);
        this.interceptors = List.of(interceptors);
    }

    public void oneByOne(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public void inBatches(List<? extends EventMessage<?>> events, int size) {
        for (int from = 0; from < events.size(); from += size) {
            batch(events.subList(from, Math.min(events.size(), from + size)));
        }
    }

    public void batch(List<? extends EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(events));
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, interceptors, handler::handle).proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed", result.exceptionResult());
        }
    }
}

package dev.hoshi.platform.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Flushes the {@link ProjectionBatch} buffers once the batch's last event has been handled: still inside the
 * processing of the batch, so before the pooled processor stores the batch's token at prepare-commit. Registered for
 * every processor by {@link HoshiAxonAutoConfiguration}.
 */
public final class ProjectionBatchInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            ProjectionBatch.flush(unitOfWork);
        }
        return result;
    }
}

package dev.hoshi.platform.axon;

import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import java.util.Optional;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Binds the context a message carries while it is handled, so a handler (or what it calls) sees who acted without
 * reading metadata, and commands it sends carry the same context.
 */
final class ContextBindingHandlerInterceptor<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Optional<RequestContext> context =
                MessageContext.fromMetaData(unitOfWork.getMessage().getMetaData());
        if (context.isEmpty()) {
            return chain.proceed();
        }
        try (CurrentContext.Scope ignored = CurrentContext.open(context.get())) {
            return chain.proceed();
        }
    }
}

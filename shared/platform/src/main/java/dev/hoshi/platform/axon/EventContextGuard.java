package dev.hoshi.platform.axon;

import dev.hoshi.kernel.context.CurrentContext;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * The last check before an event is stored: it must say who did it and under which correlation id. Events applied
 * by aggregates get both from the command (see {@link HoshiCorrelationDataProvider}); an event published any other
 * way takes them from the current context, and without one it is refused, so no event is ever anonymous.
 */
final class EventContextGuard implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (MessageContext.fromMetaData(event.getMetaData()).isPresent()) {
                return event;
            }
            return event.andMetaData(MessageContext.toMetaData(CurrentContext.require()));
        };
    }
}

package dev.hoshi.platform.axon;

import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.context.RequestContext;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stamps every command sent through the gateway with the current {@link RequestContext} and refuses a command
 * that has none, or that needs a tenant (every command not marked {@link PlatformScoped}) and has none. A command
 * that already carries a context (e.g. sent by a handler on behalf of the event it handles) keeps it.
 */
final class RequestContextCommandInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            RequestContext context =
                    MessageContext.fromMetaData(command.getMetaData()).orElseGet(CurrentContext::require);
            if (!command.getPayloadType().isAnnotationPresent(PlatformScoped.class)) {
                context.requireTenant();
            }
            return command.andMetaData(MessageContext.toMetaData(context));
        };
    }
}

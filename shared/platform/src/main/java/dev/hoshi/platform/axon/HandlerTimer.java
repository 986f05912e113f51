package dev.hoshi.platform.axon;

import dev.hoshi.kernel.error.HoshiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Times each command or query from its handler's start to the end of its unit of work (so a command's event append
 * is in it): {@code hoshi.command} / {@code hoshi.query}, tags {@code command} / {@code query} (the payload's simple
 * class name: bounded by the code) and {@code outcome}: {@code success}, {@code rejected} (a {@link HoshiException}:
 * a business rule or bad input), {@code conflict} (another command won the race for the aggregate; it is retried) or
 * {@code error} (anything else).
 */
final class HandlerTimer<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    static final String COMMAND = "hoshi.command";
    static final String QUERY = "hoshi.query";

    private final MeterRegistry registry;
    private final String metric;
    private final String tag;

    private HandlerTimer(MeterRegistry registry, String metric, String tag) {
        this.registry = registry;
        this.metric = metric;
        this.tag = tag;
    }

    static <T extends Message<?>> HandlerTimer<T> commands(MeterRegistry registry) {
        return new HandlerTimer<>(registry, COMMAND, "command");
    }

    static <T extends Message<?>> HandlerTimer<T> queries(MeterRegistry registry) {
        return new HandlerTimer<>(registry, QUERY, "query");
    }

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String name = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.onCleanup(done -> sample.stop(Timer.builder(metric)
                .description("Handling of one message, to the end of its unit of work")
                .tag(tag, name)
                .tag("outcome", outcome(done))
                .register(registry)));
        return chain.proceed();
    }

    static String outcome(UnitOfWork<?> done) {
        if (done.getExecutionResult() == null || !done.getExecutionResult().isExceptionResult()) {
            return done.isRolledBack() ? "error" : "success";
        }
        Throwable failure = done.getExecutionResult().getExceptionResult();
        while (failure != null) {
            if (failure instanceof HoshiException) {
                return "rejected";
            }
            if (failure instanceof ConcurrencyException) {
                return "conflict";
            }
            failure = failure.getCause();
        }
        return "error";
    }
}

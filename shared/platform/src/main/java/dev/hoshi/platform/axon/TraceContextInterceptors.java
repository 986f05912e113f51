package dev.hoshi.platform.axon;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryMessage;

/**
 * Carries the current trace into Axon's messages and out again: a message dispatched while a message is handled, or
 * else while a span is current, gets that handler's (or span's) context in its metadata in the configured propagation format (W3C {@code traceparent} by default), and
 * its handler runs in a child span of it ({@code command <Payload>}, {@code event <Payload>}, {@code query
 * <Payload>}), even on another thread (an event processor's) or in another service reading the same event store. The
 * correlation id ({@link HoshiCorrelationDataProvider}) is separate and unchanged.
 */
final class TraceContextInterceptors {

    private static final String SPAN = TraceContextInterceptors.class.getName() + ".span";

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContextInterceptors(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Stamps each dispatched message with the current span's context (nothing when no span is current). */
    <T extends Message<?>> MessageDispatchInterceptor<T> dispatch() {
        return new MessageDispatchInterceptor<>() {
            @Override
            @SuppressWarnings("unchecked")
            public BiFunction<Integer, T, T> handle(List<? extends T> messages) {
                return (index, message) -> {
                    // events are intercepted when their unit of work commits, after the handler's scope has closed:
                    // the span of the message being handled is kept with its unit of work
                    TraceContext current = CurrentUnitOfWork.map(unitOfWork -> unitOfWork.<Span>getResource(SPAN))
                            .map(Span::context)
                            .orElseGet(() -> tracer.currentTraceContext().context());
                    if (current == null) {
                        return message;
                    }
                    Map<String, String> fields = new HashMap<>();
                    propagator.inject(current, fields, Map::put);
                    return fields.isEmpty() ? message : (T) message.andMetaData(fields);
                };
            }
        };
    }

    /** Handles each message in a span whose parent is the context its metadata carries. */
    <T extends Message<?>> MessageHandlerInterceptor<T> handle() {
        return (UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) -> {
            Message<?> message = unitOfWork.getMessage();
            Span span = propagator
                    .extract(message.getMetaData(), TraceContextInterceptors::field)
                    .name(kind(message) + " " + message.getPayloadType().getSimpleName())
                    .kind(Span.Kind.CONSUMER)
                    .start();
            unitOfWork.resources().put(SPAN, span);
            unitOfWork.onCleanup(done -> {
                if (done.getExecutionResult() != null
                        && done.getExecutionResult().isExceptionResult()) {
                    span.error(done.getExecutionResult().getExceptionResult());
                }
                span.end();
            });
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                return chain.proceed();
            }
        };
    }

    private static String field(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }

    static String kind(Message<?> message) {
        if (message instanceof CommandMessage<?>) {
            return "command";
        }
        if (message instanceof EventMessage<?>) {
            return "event";
        }
        if (message instanceof QueryMessage<?, ?>) {
            return "query";
        }
        return "message";
    }
}

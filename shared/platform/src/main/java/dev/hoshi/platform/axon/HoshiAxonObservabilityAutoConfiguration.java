package dev.hoshi.platform.axon;

import dev.hoshi.eventstore.HoshiEventStorageEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and traces of Axon's messages in every service: command and query timers with their outcome ({@link
 * HandlerTimer}), each processing group's lag ({@link ProcessorLagMeters}), and the current trace carried through
 * commands into events and their handlers ({@link TraceContextInterceptors}).
 */
@AutoConfiguration(
        after = {HoshiAxonAutoConfiguration.class, AxonAutoConfiguration.class},
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration"
        })
@ConditionalOnBean(MeterRegistry.class)
public class HoshiAxonObservabilityAutoConfiguration {

    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> commandTimer(MeterRegistry registry) {
        return HandlerTimer.commands(registry);
    }

    @Bean
    public MessageHandlerInterceptor<QueryMessage<?, ?>> queryTimer(MeterRegistry registry) {
        return HandlerTimer.queries(registry);
    }

    /** The lag gauges, registered once Axon has built its processors. */
    @Bean
    @ConditionalOnBean(HoshiEventStorageEngine.class)
    public ApplicationListener<ApplicationStartedEvent> processorLagMeters(
            EventProcessingConfiguration processing, HoshiEventStorageEngine engine, MeterRegistry registry) {
        ProcessorLagMeters meters = new ProcessorLagMeters(processing, engine, Clock.systemUTC());
        return started -> meters.bindTo(registry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    @ConditionalOnBean({Tracer.class, Propagator.class})
    static class Tracing {

        @Bean
        TraceContextInterceptors traceContextInterceptors(Tracer tracer, Propagator propagator) {
            return new TraceContextInterceptors(tracer, propagator);
        }

        @Bean
        MessageDispatchInterceptor<CommandMessage<?>> traceContextCommandDispatch(TraceContextInterceptors traces) {
            return traces.dispatch();
        }

        @Bean
        MessageHandlerInterceptor<Message<?>> traceContextHandler(TraceContextInterceptors traces) {
            return traces.handle();
        }

        /** On the bus itself, not the gateway: events applied by aggregates carry the trace too. */
        @Bean
        InitializingBean traceContextEventDispatchRegistration(EventBus eventBus, TraceContextInterceptors traces) {
            return () -> eventBus.registerDispatchInterceptor(traces.dispatch());
        }
    }
}

package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;

class AxonMessageMetricsTest {

    record TallyOpenedEvent(String id) {}

    record OpenTallyCommand(String id) {}

    record FindTallyQuery(String id) {}

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AxonMessageMetrics metrics = new AxonMessageMetrics(registry);

    @Test
    void processorsCommandsAndQueriesAreTimedAndCountedWithoutTheCapacityGauge() {
        handle(
                PooledStreamingEventProcessor.class,
                "tally-view",
                GenericEventMessage.asEventMessage(new TallyOpenedEvent("t")),
                1_000);
        handle(CommandBus.class, "commandBus", GenericCommandMessage.asCommandMessage(new OpenTallyCommand("t")), 10);
        handle(
                QueryBus.class,
                "queryBus",
                new GenericQueryMessage<>(new FindTallyQuery("t"), ResponseTypes.instanceOf(String.class)),
                10);

        assertThat(registry.get("eventProcessor.allTimer")
                        .tag("processorName", "tally-view")
                        .timer()
                        .count())
                .isEqualTo(1_000);
        assertThat(registry.get("eventProcessor.successCounter")
                        .tag("processorName", "tally-view")
                        .counter()
                        .count())
                .isEqualTo(1_000);
        assertThat(registry.get("eventProcessor.latency")
                        .tag("processorName", "tally-view")
                        .gauge())
                .isNotNull();
        assertThat(registry.get("commandBus.allTimer")
                        .tag("payloadType", "OpenTallyCommand")
                        .timer()
                        .count())
                .isEqualTo(10);
        assertThat(registry.get("queryBus.allTimer").timer().count()).isEqualTo(10);
        List<String> names =
                registry.getMeters().stream().map(m -> m.getId().getName()).toList();
        assertThat(names).noneMatch(name -> name.contains("capacity"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Class<?> component, String name, Message<?> message, int times) {
        MessageMonitor monitor = metrics.registerComponentWithDefaultTags(component, name);
        for (int i = 0; i < times; i++) {
            monitor.onMessageIngested(message).reportSuccess();
        }
    }
}

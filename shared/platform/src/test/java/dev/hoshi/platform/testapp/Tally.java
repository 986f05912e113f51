package dev.hoshi.platform.testapp;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.kernel.context.PlatformScoped;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A minimal event-sourced aggregate standing in for a service's domain; snapshotted every 5 events, its fields
 * serialized as they are (no getters), under a revision so that a snapshot of another shape is skipped.
 */
@Aggregate(snapshotTriggerDefinition = "tallySnapshots")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Tally {

    public static final int SNAPSHOT_THRESHOLD = 5;

    public record OpenTallyCommand(@TargetAggregateIdentifier String id) {}

    public record CountCommand(@TargetAggregateIdentifier String id) {}

    @PlatformScoped
    public record OpenPlatformTallyCommand(@TargetAggregateIdentifier String id) {}

    public record TallyOpenedEvent(String id) {}

    public record CountedEvent(String id, int total) {}

    @AggregateIdentifier
    private String id;

    private int total;

    protected Tally() {}

    @CommandHandler
    public Tally(OpenTallyCommand command) {
        apply(new TallyOpenedEvent(command.id()));
    }

    @CommandHandler
    public Tally(OpenPlatformTallyCommand command) {
        apply(new TallyOpenedEvent(command.id()));
    }

    @CommandHandler
    public int handle(CountCommand command) {
        apply(new CountedEvent(id, total + 1));
        return total;
    }

    @EventSourcingHandler
    void on(TallyOpenedEvent event) {
        id = event.id();
    }

    @EventSourcingHandler
    void on(CountedEvent event) {
        total = event.total();
    }
}

package dev.hoshi.testsupport.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SnapshotCheckTest {

    static final int THRESHOLD = 3;

    record Create(@TargetAggregateIdentifier String id) {}

    record Tag(@TargetAggregateIdentifier String id, String tag) {}

    record CreateForgetful(@TargetAggregateIdentifier String id) {}

    record TagForgetful(@TargetAggregateIdentifier String id, String tag) {}

    record Created(String id) {}

    record Tagged(String id, String tag) {}

    /**
     * Snapshot-safe: its fields are serialized as they are, and its set is declared with its concrete type, which
     * Jackson then reads back (a field declared {@code Set} would come back a {@code HashSet}, in another order).
     */
    @Revision("1")
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static class Keeper {

        @AggregateIdentifier
        private String id;

        private final LinkedHashSet<String> tags = new LinkedHashSet<>();

        protected Keeper() {}

        @CommandHandler
        Keeper(Create command) {
            apply(new Created(command.id()));
        }

        @CommandHandler
        void handle(Tag command) {
            apply(new Tagged(id, command.tag()));
        }

        @EventSourcingHandler
        void on(Created event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Tagged event) {
            tags.add(event.tag());
        }
    }

    /** Shows Jackson its id through a getter and nothing else: its snapshot forgets the tags. */
    static class Forgetful {

        @AggregateIdentifier
        private String id;

        private final Set<String> tags = new LinkedHashSet<>();

        protected Forgetful() {}

        @CommandHandler
        Forgetful(CreateForgetful command) {
            apply(new Created(command.id()));
        }

        @CommandHandler
        void handle(TagForgetful command) {
            apply(new Tagged(id, command.tag()));
        }

        public String getId() {
            return id;
        }

        @EventSourcingHandler
        void on(Created event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Tagged event) {
            tags.add(event.tag());
        }
    }

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final JsonSnapshotEngine engine = new JsonSnapshotEngine(serializer);
    private final Configuration axon = DefaultConfigurer.defaultConfiguration()
            .configureSerializer(c -> serializer)
            .configureEmbeddedEventStore(c -> engine)
            .configureAggregate(AggregateConfigurer.defaultConfiguration(Keeper.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), THRESHOLD)))
            .configureAggregate(AggregateConfigurer.defaultConfiguration(Forgetful.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), THRESHOLD)))
            .start();

    @AfterEach
    void shutDown() {
        axon.shutdown();
    }

    @Test
    void anAggregateWhoseSnapshotKeepsItsWholeStatePasses() {
        tagged("keeper", 7);
        SnapshotCheck<Keeper> check = SnapshotCheck.of(Keeper.class, axon, serializer);

        check.assertSnapshotStateMatchesEvents("keeper");

        assertThat(engine.snapshot("keeper")).isPresent();
        assertThat(check.load("keeper").tags).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
        assertThat(check.stateJson(check.load("keeper")))
                .isEqualTo("{\"id\":\"keeper\",\"tags\":[\"t0\",\"t1\",\"t2\",\"t3\",\"t4\",\"t5\",\"t6\"]}");
    }

    @Test
    void rebuildingFromEventsIgnoresTheSnapshot() {
        tagged("keeper", 7);
        engine.tamper("keeper", "{\"id\":\"keeper\",\"tags\":[\"planted\"]}");
        SnapshotCheck<Keeper> check = SnapshotCheck.of(Keeper.class, axon, serializer);

        assertThat(check.load("keeper").tags).startsWith("planted");
        assertThat(check.rebuildFromEvents("keeper").tags).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
    }

    @Test
    void aSnapshotThatDisagreesWithTheEventsFails() {
        tagged("keeper", 7);
        engine.tamper("keeper", "{\"id\":\"keeper\",\"tags\":[\"planted\"]}");

        assertThatThrownBy(() ->
                        SnapshotCheck.of(Keeper.class, axon, serializer).assertSnapshotStateMatchesEvents("keeper"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("differs from the state rebuilt from its events")
                .hasMessageContaining("planted");
    }

    @Test
    void anAggregateWhoseSnapshotLosesAFieldFailsEvenWhereItsJsonAgrees() {
        axon.commandGateway().sendAndWait(new CreateForgetful("forgetful"));
        for (int i = 0; i < 7; i++) {
            axon.commandGateway().sendAndWait(new TagForgetful("forgetful", "t" + i));
        }

        assertThatThrownBy(() -> SnapshotCheck.of(Forgetful.class, axon, serializer)
                        .assertSnapshotStateMatchesEvents("forgetful"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("field by field");
    }

    @Test
    void anAggregateWithoutEventsIsReportedAsSuch() {
        assertThatThrownBy(
                        () -> SnapshotCheck.of(Keeper.class, axon, serializer).rebuildFromEvents("nobody"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("No events stored for Keeper nobody");
    }

    private void tagged(String id, int tags) {
        axon.commandGateway().sendAndWait(new Create(id));
        for (int i = 0; i < tags; i++) {
            axon.commandGateway().sendAndWait(new Tag(id, "t" + i));
        }
    }
}

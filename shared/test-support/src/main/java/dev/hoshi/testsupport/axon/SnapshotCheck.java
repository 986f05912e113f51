package dev.hoshi.testsupport.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.opentest4j.AssertionFailedError;
import org.springframework.context.ApplicationContext;

/**
 * Whether an event-sourced aggregate's snapshot holds all of its state. It loads the aggregate twice, as a command
 * would (through the repository, which starts from the stored snapshot if the event store uses it) and from its
 * events alone (every event from sequence number 0 folded into a fresh instance, as Axon does without a snapshot),
 * and compares the two: as the snapshot serializer writes them, and field by field. It also writes the aggregate
 * rebuilt from its events with the snapshot serializer, reads it back and compares again, so a field the serializer
 * does not see or cannot read back fails the check even before a snapshot is taken.
 *
 * <pre>{@code
 * SnapshotCheck<SecurityAction> check = SnapshotCheck.of(SecurityAction.class, applicationContext);
 * // ... commands past the snapshot threshold ...
 * check.assertSnapshotStateMatchesEvents(id.toString());
 * }</pre>
 *
 * <p>States are compared as JSON trees: the order of an object's fields (and so of a map's keys) does not count, the
 * order of an array's elements does. Jackson reads a field declared {@code Set} back as a {@code HashSet}, whose
 * order is not the order the events made; declare a set field with its ordered type ({@code LinkedHashSet}, {@code
 * TreeSet}) so that the aggregate read from its snapshot iterates it as the one that lived through the events. Field by field means
 * every non-static, non-transient field, written by a Jackson mapper that sees fields only and no annotations (with
 * the Jackson modules on the classpath, e.g. for {@code java.time}).
 *
 * @param <T> the aggregate type
 */
public final class SnapshotCheck<T> {

    private static final ObjectMapper JSON_TREES = new ObjectMapper();

    /** Every field, whatever the aggregate's own Jackson annotations hide or show: the witness of its whole state. */
    private static final ObjectMapper FIELDS = JsonMapper.builder()
            .findAndAddModules()
            .disable(MapperFeature.USE_ANNOTATIONS)
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Class<T> aggregateType;
    private final Repository<T> repository;
    private final AggregateFactory<T> factory;
    private final AggregateModel<T> model;
    private final EventStore eventStore;
    private static final Pattern SEALED = Pattern.compile("pd2:([0-9a-f]+):[A-Za-z0-9+/=]+");

    private final Serializer snapshotSerializer;

    private SnapshotCheck(Class<T> aggregateType, Configuration axon, Serializer snapshotSerializer) {
        AggregateConfiguration<T> aggregate = axon.aggregateConfiguration(aggregateType);
        this.aggregateType = aggregateType;
        this.repository = aggregate.repository();
        this.factory = aggregate.aggregateFactory();
        this.model = AnnotatedAggregateMetaModelFactory.inspectAggregate(
                aggregateType, axon.parameterResolverFactory(), axon.handlerDefinition(aggregateType));
        this.eventStore = axon.eventStore();
        this.snapshotSerializer = Objects.requireNonNull(snapshotSerializer, "snapshotSerializer");
    }

    /**
     * The check for {@code aggregateType} in a running Spring Boot service: Axon's configuration, and the snapshot
     * serializer of its event storage engine (Axon's general serializer if the engine does not say).
     */
    public static <T> SnapshotCheck<T> of(Class<T> aggregateType, ApplicationContext context) {
        Configuration axon = context.getBean(Configuration.class);
        EventStorageEngine engine = context.getBean(EventStorageEngine.class);
        Serializer serializer = engine instanceof AbstractEventStorageEngine configured
                ? configured.getSnapshotSerializer()
                : axon.serializer();
        return of(aggregateType, axon, serializer);
    }

    /** The check for {@code aggregateType} under {@code axon}, whose event store writes snapshots with this serializer. */
    public static <T> SnapshotCheck<T> of(Class<T> aggregateType, Configuration axon, Serializer snapshotSerializer) {
        return new SnapshotCheck<>(aggregateType, axon, snapshotSerializer);
    }

    /**
     * The aggregate as a command finds it: loaded through its repository, from the stored snapshot (if the event
     * store uses it) and the events after it. The unit of work is rolled back, so nothing is stored, except that
     * the load may take a snapshot, as it would for a command.
     */
    public T load(String aggregateId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return repository.load(aggregateId).invoke(root -> root);
        } finally {
            unitOfWork.rollback();
        }
    }

    /** The aggregate rebuilt from its events alone, from sequence number 0, ignoring any snapshot. */
    public T rebuildFromEvents(String aggregateId) {
        DomainEventStream events = eventStore.readEvents(aggregateId, 0);
        if (!events.hasNext()) {
            throw new AssertionError("No events stored for " + aggregateType.getSimpleName() + " " + aggregateId);
        }
        T root = factory.createAggregateRoot(aggregateId, events.peek());
        EventSourcedAggregate<T> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(events);
        return aggregate.getAggregateRoot();
    }

    /**
     * The aggregate's state as its snapshot stores it: the snapshot serializer's JSON, with each sealed personal value
     * ({@code pd2:<key id>:<sealed>}, a fresh nonce each time) shown as its key id only, so that two writes of the same
     * state compare equal.
     */
    public String stateJson(T aggregate) {
        SerializedObject<String> serialized = snapshotSerializer.serialize(aggregate, String.class);
        return SEALED.matcher(serialized.getData()).replaceAll("pd2:$1:sealed");
    }

    /** The aggregate's fields, every one of them, as JSON: what {@link #assertSnapshotStateMatchesEvents} compares. */
    public String fieldsJson(T aggregate) {
        try {
            return FIELDS.writeValueAsString(aggregate);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Cannot write the fields of " + aggregate + " as JSON", e);
        }
    }

    /**
     * Fails unless the aggregate as a command finds it ({@link #load}) has the state of the one rebuilt from its
     * events ({@link #rebuildFromEvents}), as the snapshot serializer writes it and field by field; unless that state
     * reads back unchanged from the serializer's JSON; and unless the JSON keeps the aggregate's identifier (Axon
     * refuses a snapshot without one). A failure shows the JSON expected and the JSON found.
     */
    public void assertSnapshotStateMatchesEvents(String aggregateId) {
        String what = aggregateType.getSimpleName() + " " + aggregateId + ": ";
        T rebuilt = rebuildFromEvents(aggregateId);
        T loaded = load(aggregateId);
        String fromSnapshot = what + "the state loaded through the repository (from its snapshot) differs from the"
                + " state rebuilt from its events";
        assertSameState(fromSnapshot, stateJson(rebuilt), stateJson(loaded));
        assertSameState(fromSnapshot + ", field by field", fieldsJson(rebuilt), fieldsJson(loaded));

        T readBack = snapshotSerializer.deserialize(snapshotSerializer.serialize(rebuilt, String.class));
        assertSameState(
                what + "the state does not read back from the snapshot serializer's JSON, field by field",
                fieldsJson(rebuilt),
                fieldsJson(readBack));
        String identifier = Objects.toString(model.getIdentifier(readBack), null);
        if (!aggregateId.equals(identifier)) {
            throw new AssertionFailedError(
                    what + "the identifier does not read back from the snapshot serializer's JSON",
                    aggregateId,
                    identifier);
        }
    }

    private static void assertSameState(String message, String expectedJson, String actualJson) {
        if (!tree(expectedJson).equals(tree(actualJson))) {
            throw new AssertionFailedError(
                    message + "\n  expected: " + expectedJson + "\n  but was:  " + actualJson,
                    expectedJson,
                    actualJson);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON_TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}

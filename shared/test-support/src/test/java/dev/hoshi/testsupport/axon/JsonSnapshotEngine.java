package dev.hoshi.testsupport.axon;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

/**
 * Axon's in-memory engine, except that snapshots are kept as the serializer's JSON, as a real event store keeps
 * them (the in-memory engine keeps the aggregate object itself, which proves nothing about serialization).
 */
final class JsonSnapshotEngine extends InMemoryEventStorageEngine {

    private final Serializer serializer;
    private final Map<String, GenericDomainEventEntry<String>> snapshots = new ConcurrentHashMap<>();

    JsonSnapshotEngine(Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        snapshots.put(
                snapshot.getAggregateIdentifier(),
                new GenericDomainEventEntry<>(
                        snapshot.getType(),
                        snapshot.getAggregateIdentifier(),
                        snapshot.getSequenceNumber(),
                        snapshot.getIdentifier(),
                        snapshot.getTimestamp(),
                        payload.getType().getName(),
                        payload.getType().getRevision(),
                        payload.getData(),
                        metaData.getData()));
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.ofNullable(snapshots.get(aggregateIdentifier))
                .flatMap(entry -> EventStreamUtils.upcastAndDeserializeDomainEvents(
                                Stream.<DomainEventData<?>>of(entry), serializer, NoOpEventUpcaster.INSTANCE)
                        .asStream()
                        .findFirst())
                .map(snapshot -> (DomainEventMessage<?>) snapshot);
    }

    Optional<GenericDomainEventEntry<String>> snapshot(String aggregateIdentifier) {
        return Optional.ofNullable(snapshots.get(aggregateIdentifier));
    }

    /** Replaces the stored snapshot's JSON, keeping everything else. */
    void tamper(String aggregateIdentifier, String payload) {
        GenericDomainEventEntry<String> stored = snapshots.get(aggregateIdentifier);
        snapshots.put(
                aggregateIdentifier,
                new GenericDomainEventEntry<>(
                        stored.getType(),
                        stored.getAggregateIdentifier(),
                        stored.getSequenceNumber(),
                        stored.getEventIdentifier(),
                        stored.getTimestamp(),
                        stored.getPayload().getType().getName(),
                        stored.getPayload().getType().getRevision(),
                        payload,
                        stored.getMetaData().getData()));
    }
}

package dev.hoshi.testsupport.axon;

import org.bson.Document;

/**
 * One snapshot document of the event store, as stored.
 *
 * @param aggregateId the aggregate's identifier (the document's {@code _id})
 * @param sequenceNumber the sequence number of the last event the snapshot includes
 * @param aggregateType Axon's aggregate type name, e.g. {@code SecurityAction}
 * @param payloadType the class of the serialized aggregate
 * @param payloadRevision the aggregate's {@code @Revision} when the snapshot was taken; {@code null} without one
 * @param payload the aggregate's state as JSON text
 */
public record StoredSnapshot(
        String aggregateId,
        long sequenceNumber,
        String aggregateType,
        String payloadType,
        String payloadRevision,
        String payload) {

    static StoredSnapshot of(Document document) {
        return new StoredSnapshot(
                document.getString("_id"),
                document.get("seq", Number.class).longValue(),
                document.getString("type"),
                document.getString("payloadType"),
                document.getString("payloadRevision"),
                document.getString("payload"));
    }
}

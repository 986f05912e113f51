package dev.hoshi.eventstore;

import static org.axonframework.common.DateTimeUtils.formatInstant;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * The shape of an event document, and its mapping to and from Axon's serialized event data. Payload and metadata
 * are stored as the serializer's JSON text, so upcasters see exactly what was written.
 */
final class EventDocuments {

    static final String ID = "_id";
    static final String GLOBAL_SEQ = "globalSeq";
    static final String AGGREGATE_ID = "aggregateId";
    static final String SEQ = "seq";
    static final String TYPE = "type";
    static final String EVENT_ID = "eventId";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String METADATA = "metaData";
    static final String TENANT_ID = "tenantId";
    static final String SKIP = "skip";

    /** Metadata key under which the platform records the tenant; copied to a top-level field for operators. */
    static final String TENANT_METADATA_KEY = "tenantId";

    private EventDocuments() {}

    /** The {@code _id} of an aggregate's event: unique per aggregate and sequence number. */
    static String id(String aggregateId, long sequenceNumber) {
        return aggregateId + ":" + sequenceNumber;
    }

    static Document toDocument(EventMessage<?> event, long globalSeq, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        String aggregateId;
        long seq;
        String type;
        String id;
        if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateId = domain.getAggregateIdentifier();
            seq = domain.getSequenceNumber();
            type = domain.getType();
            id = id(aggregateId, seq);
        } else {
            // an event that belongs to no aggregate: its own id stands in, as in Axon's JDBC engine
            aggregateId = event.getIdentifier();
            seq = 0;
            type = null;
            id = "~event:" + event.getIdentifier();
        }
        Document doc = new Document(ID, id)
                .append(GLOBAL_SEQ, globalSeq)
                .append(AGGREGATE_ID, aggregateId)
                .append(SEQ, seq)
                .append(TYPE, type)
                .append(EVENT_ID, event.getIdentifier())
                .append(TIMESTAMP, formatInstant(event.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(METADATA, metaData.getData());
        Object tenant = event.getMetaData().get(TENANT_METADATA_KEY);
        if (tenant != null) {
            doc.append(TENANT_ID, tenant.toString());
        }
        return doc;
    }

    /**
     * A placeholder for a number whose append failed: trackers step over it at once instead of holding it as a gap.
     */
    static Document skipMarker(long globalSeq) {
        return new Document(ID, "~skip:" + globalSeq)
                .append(GLOBAL_SEQ, globalSeq)
                .append(SKIP, true);
    }

    static boolean isSkipMarker(Document doc) {
        return Boolean.TRUE.equals(doc.getBoolean(SKIP));
    }

    static long globalSeq(Document doc) {
        return doc.get(GLOBAL_SEQ, Number.class).longValue();
    }

    static long seq(Document doc) {
        return doc.get(SEQ, Number.class).longValue();
    }

    static DomainEventData<String> toEventData(Document doc) {
        String aggregateId = doc.getString(AGGREGATE_ID);
        String eventId = doc.getString(EVENT_ID);
        return new GenericDomainEventEntry<>(
                doc.getString(TYPE),
                eventId.equals(aggregateId) ? null : aggregateId,
                seq(doc),
                eventId,
                doc.getString(TIMESTAMP),
                doc.getString(PAYLOAD_TYPE),
                doc.getString(PAYLOAD_REVISION),
                doc.getString(PAYLOAD),
                doc.getString(METADATA));
    }

    static Document toSnapshotDocument(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        return new Document(ID, snapshot.getAggregateIdentifier())
                .append(AGGREGATE_ID, snapshot.getAggregateIdentifier())
                .append(SEQ, snapshot.getSequenceNumber())
                .append(TYPE, snapshot.getType())
                .append(EVENT_ID, snapshot.getIdentifier())
                .append(TIMESTAMP, formatInstant(snapshot.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(METADATA, metaData.getData());
    }
}

package dev.hoshi.compliance.securityaction.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@link FiveArticlesCommittedEvent} revision 1 (stored without a revision, before the event named the guideline
 * edition) reads as revision 2 with {@code edition} = {@value FiveArticlesCommittedEvent#FIRST_REVISION_EDITION}, the
 * only edition Hoshi knew then. The stored event is never rewritten; every read of it (aggregate loads, processors,
 * replays) passes through here. Axon's Spring Boot auto-configuration puts every {@code EventUpcaster} bean into the
 * event store's chain (docs/eventstore.md, "Upcasting").
 */
@Component
class FiveArticlesCommittedEventUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType FIRST =
            new SimpleSerializedType(FiveArticlesCommittedEvent.class.getName(), null);
    private static final SimpleSerializedType SECOND =
            new SimpleSerializedType(FiveArticlesCommittedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return FIRST.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(SECOND, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            if (!upcast.hasNonNull("edition")) {
                upcast.put("edition", FiveArticlesCommittedEvent.FIRST_REVISION_EDITION);
            }
            return upcast;
        });
    }
}

package dev.hoshi.platform.axon;

import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * The disclosure-log event moved from {@code insights-api} to {@code shared/disclosure-api}. Events already stored
 * keep their old type name; this upcaster reads them under the new one. Only the name changes: the revision (none)
 * and the JSON stay as stored, and no stored event is rewritten.
 *
 * <p>It lives in the platform, not in a service, because the stored name belongs to the one event store every
 * service reads: each service that can handle the event gets the same view of its history. It names the type as a
 * string so that the platform does not depend on the event; its test checks the name against the class.
 */
final class MemberDataDisclosedEventInsights_to_DisclosureUpcaster extends SingleEventUpcaster {

    static final String STORED_TYPE = "dev.hoshi.insights.api.disclosure.MemberDataDisclosedEvent";
    static final String CURRENT_TYPE = "dev.hoshi.disclosure.api.MemberDataDisclosedEvent";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return STORED_TYPE.equals(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return renamed(representation, representation.getContentType());
    }

    private static <T> IntermediateEventRepresentation renamed(
            IntermediateEventRepresentation representation, Class<T> contentType) {
        return representation.upcastPayload(
                new SimpleSerializedType(CURRENT_TYPE, representation.getType().getRevision()),
                contentType,
                Function.identity());
    }
}

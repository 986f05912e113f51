package dev.hoshi.platform.axon;

import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CorrelationId;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.MetaData;

/**
 * The metadata keys under which every command and event carries its {@link RequestContext}: who did it ({@code
 * actor}), for which tenant ({@code tenantId}, absent for platform-level work), the request it belongs to ({@code
 * correlationId}) and the message that caused it ({@code causationId}).
 */
public final class MessageContext {

    public static final String TENANT_ID = "tenantId";
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private MessageContext() {}

    /** The metadata that records {@code context}. */
    public static Map<String, Object> toMetaData(RequestContext context) {
        Map<String, Object> meta = new HashMap<>();
        context.tenant().ifPresent(t -> meta.put(TENANT_ID, t.toString()));
        meta.put(ACTOR, context.actor().toString());
        meta.put(CORRELATION_ID, context.correlationId().toString());
        return meta;
    }

    /** The context a message was sent in, if its metadata records one. */
    public static Optional<RequestContext> fromMetaData(MetaData meta) {
        Object actor = meta.get(ACTOR);
        Object correlation = meta.get(CORRELATION_ID);
        if (actor == null || correlation == null) {
            return Optional.empty();
        }
        Object tenant = meta.get(TENANT_ID);
        return Optional.of(new RequestContext(
                Optional.ofNullable(tenant).map(t -> TenantId.of(t.toString())),
                Actor.parse(actor.toString()),
                CorrelationId.of(correlation.toString())));
    }
}

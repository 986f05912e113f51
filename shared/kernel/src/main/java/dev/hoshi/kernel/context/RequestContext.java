package dev.hoshi.kernel.context;

import dev.hoshi.kernel.id.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is acting, for which tenant, and under which correlation id. The platform fills it from the internal token
 * for each request and copies it into the metadata of every command and event.
 *
 * @param tenant the active tenant, absent for platform-level work (an operator registering a support
 *     organisation)
 * @param actor who is acting
 * @param correlationId what ties this request's messages together
 */
public record RequestContext(Optional<TenantId> tenant, Actor actor, CorrelationId correlationId) {

    public RequestContext {
        Objects.requireNonNull(tenant, "tenant (use Optional.empty())");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    public static RequestContext forTenant(TenantId tenant, Actor actor) {
        return new RequestContext(Optional.of(tenant), actor, CorrelationId.random());
    }

    public static RequestContext withoutTenant(Actor actor) {
        return new RequestContext(Optional.empty(), actor, CorrelationId.random());
    }

    /** The tenant, or an error saying that this operation needs one. */
    public TenantId requireTenant() {
        return tenant.orElseThrow(() -> HoshiContextException.tenantRequired());
    }
}

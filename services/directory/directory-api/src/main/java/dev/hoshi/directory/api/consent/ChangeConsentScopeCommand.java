package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner widens or narrows what a grant allows. Not for a revoked or ended grant. */
public record ChangeConsentScopeCommand(
        @TargetAggregateIdentifier TenantId organizationId,
        ConsentGrantId grantId,
        ConsentScope scope,
        UserId requestedBy) {}

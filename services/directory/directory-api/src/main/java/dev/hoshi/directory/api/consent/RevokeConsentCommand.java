package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner withdraws a grant, with effect from today. Revoking a revoked grant changes nothing. */
public record RevokeConsentCommand(
        @TargetAggregateIdentifier TenantId organizationId, ConsentGrantId grantId, UserId requestedBy) {}

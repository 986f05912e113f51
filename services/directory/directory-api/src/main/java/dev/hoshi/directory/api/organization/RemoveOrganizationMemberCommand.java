package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner removes a person from the organisation. The last owner cannot be removed. */
public record RemoveOrganizationMemberCommand(
        @TargetAggregateIdentifier TenantId organizationId, UserId member, UserId requestedBy) {}

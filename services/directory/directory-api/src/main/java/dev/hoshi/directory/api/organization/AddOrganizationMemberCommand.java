package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An owner adds a person to the organisation with a role. Refused when the person is there already (change the role
 * instead).
 *
 * @param member the person's sign-in subject
 * @param requestedBy the owner asking
 */
public record AddOrganizationMemberCommand(
        @TargetAggregateIdentifier TenantId organizationId, UserId member, OrganizationRole role, UserId requestedBy) {}

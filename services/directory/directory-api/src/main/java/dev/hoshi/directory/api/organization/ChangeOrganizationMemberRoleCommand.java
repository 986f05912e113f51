package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner changes a person's role. The last owner cannot be demoted. */
public record ChangeOrganizationMemberRoleCommand(
        @TargetAggregateIdentifier TenantId organizationId, UserId member, OrganizationRole role, UserId requestedBy) {}

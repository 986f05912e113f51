package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;

/** A person no longer belongs to the organisation; {@code previousRole} is the role they had. */
public record OrganizationMemberRemovedEvent(TenantId organizationId, UserId member, OrganizationRole previousRole) {}

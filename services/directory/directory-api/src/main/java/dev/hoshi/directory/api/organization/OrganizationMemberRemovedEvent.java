package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/** A person no longer belongs to the organisation; {@code previousRole} is the role they had. */
public record OrganizationMemberRemovedEvent(
        TenantId organizationId, @Personal UserId member, OrganizationRole previousRole) {}

package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/** A person's role in the organisation changed from {@code previousRole} to {@code role}. */
public record OrganizationMemberRoleChangedEvent(
        TenantId organizationId, @Personal UserId member, OrganizationRole previousRole, OrganizationRole role) {}

package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/**
 * A person now belongs to the organisation with {@code role}. (The first owner comes with {@link
 * OrganizationRegisteredEvent} instead.)
 */
public record OrganizationMemberAddedEvent(TenantId organizationId, @Personal UserId member, OrganizationRole role) {}

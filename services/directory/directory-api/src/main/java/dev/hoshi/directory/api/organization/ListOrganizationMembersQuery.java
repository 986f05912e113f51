package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;

/** The people of one organisation with their roles, owners first, then in the order they joined. */
public record ListOrganizationMembersQuery(TenantId organizationId) {}

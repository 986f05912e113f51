package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;

/** One organisation's directory entry; answers an empty {@code Optional} when there is none. */
public record FindOrganizationQuery(TenantId organizationId) {}

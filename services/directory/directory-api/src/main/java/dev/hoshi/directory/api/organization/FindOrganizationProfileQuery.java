package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;

/** An organisation's profile with its derived SME class; an empty {@code Optional} when it has set none. */
public record FindOrganizationProfileQuery(TenantId organizationId) {}

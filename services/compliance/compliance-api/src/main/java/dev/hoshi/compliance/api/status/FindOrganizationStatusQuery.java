package dev.hoshi.compliance.api.status;

import dev.hoshi.kernel.id.TenantId;

/** The dashboard of one organisation; empty when Hoshi does not know it. */
public record FindOrganizationStatusQuery(TenantId organizationId) {}

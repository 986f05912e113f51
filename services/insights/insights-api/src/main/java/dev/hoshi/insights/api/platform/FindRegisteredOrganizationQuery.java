package dev.hoshi.insights.api.platform;

import dev.hoshi.kernel.id.TenantId;

/** Whether insights knows an organisation, and since when. */
public record FindRegisteredOrganizationQuery(TenantId organizationId) {}

package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;

/**
 * The organisation's profile is now {@code profile} (the whole of it, replacing any earlier one). Its SME class is
 * derived from it by whoever reads it, under the thresholds in force then.
 */
public record OrganizationProfileUpdatedEvent(TenantId organizationId, OrganizationProfile profile) {}

package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;

/** An SME organisation (a tenant) now exists on the platform, with its first owner. */
public record OrganizationRegisteredEvent(
        TenantId organizationId, String name, String nameEn, CorporateNumber corporateNumber, UserId owner) {}

package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/** An SME organisation (a tenant) now exists on the platform, with its first owner. */
public record OrganizationRegisteredEvent(
        TenantId organizationId, String name, String nameEn, CorporateNumber corporateNumber, @Personal UserId owner) {}

package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;

/** An organisation is now a member of a support organisation. Membership alone discloses nothing. */
public record MembershipRecordedEvent(SupportOrganizationId supportOrganizationId, TenantId member) {}

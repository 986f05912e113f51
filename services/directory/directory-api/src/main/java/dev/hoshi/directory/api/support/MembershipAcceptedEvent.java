package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;

/**
 * The other side accepted the proposal: {@code organizationId} is now a member of the support organisation.
 * Membership alone discloses nothing; what the support organisation may see comes from consent grants.
 */
public record MembershipAcceptedEvent(
        SupportOrganizationId supportOrganizationId, TenantId organizationId, MembershipParty acceptedBy) {}

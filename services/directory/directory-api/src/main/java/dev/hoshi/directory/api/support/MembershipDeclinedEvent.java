package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;

/** The other side declined the proposal; nothing is pending any more, and either side may propose again. */
public record MembershipDeclinedEvent(
        SupportOrganizationId supportOrganizationId, TenantId organizationId, MembershipParty declinedBy) {}

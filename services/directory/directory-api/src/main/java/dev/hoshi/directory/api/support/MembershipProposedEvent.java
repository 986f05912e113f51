package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;

/**
 * One side proposed that {@code organizationId} become a member of the support organisation: the SME asked to join
 * ({@code proposedBy} {@link MembershipParty#ORGANIZATION}) or the support organisation invited it ({@link
 * MembershipParty#SUPPORT_ORGANIZATION}). Pending until the other side accepts or declines; discloses nothing.
 */
public record MembershipProposedEvent(
        SupportOrganizationId supportOrganizationId, TenantId organizationId, MembershipParty proposedBy) {}

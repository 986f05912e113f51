package dev.hoshi.directory.api.support;

import java.time.Instant;

/**
 * A membership as it stands.
 *
 * @param organizationName the SME's registered name, once the SME has taken part (proposed, accepted, declined) or
 *     the membership is active; {@code null} for an invitation it has not answered, so an invitation never tells
 *     whether an organisation exists
 * @param proposedBy who proposed the membership; {@code null} when an operator recorded it
 */
public record MembershipView(
        String supportOrganizationId,
        String supportOrganizationName,
        String organizationId,
        String organizationName,
        MembershipStatus status,
        MembershipParty proposedBy,
        Instant updatedAt) {}

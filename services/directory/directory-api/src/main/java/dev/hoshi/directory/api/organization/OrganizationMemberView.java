package dev.hoshi.directory.api.organization;

import java.time.Instant;

/** A person in an organisation: their user id (a pseudonymous sign-in subject), role, and since when. */
public record OrganizationMemberView(String organizationId, String userId, OrganizationRole role, Instant since) {}

package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;

/** Every consent grant of one organisation, newest first, each with its history. */
public record ListConsentGrantsQuery(TenantId organizationId) {}

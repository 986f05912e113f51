package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/** A person is now an analyst of the support organisation, besides its first one. */
public record SupportOrganizationAnalystAddedEvent(
        SupportOrganizationId supportOrganizationId, @Personal UserId analyst) {}

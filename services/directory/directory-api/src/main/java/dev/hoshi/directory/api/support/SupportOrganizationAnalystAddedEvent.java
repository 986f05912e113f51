package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;

/** A person is now an analyst of the support organisation, besides its first one. */
public record SupportOrganizationAnalystAddedEvent(SupportOrganizationId supportOrganizationId, UserId analyst) {}

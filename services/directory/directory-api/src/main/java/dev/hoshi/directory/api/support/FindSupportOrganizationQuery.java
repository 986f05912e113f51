package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;

/** One support organisation with its analysts and members; empty when there is none. */
public record FindSupportOrganizationQuery(SupportOrganizationId supportOrganizationId) {}

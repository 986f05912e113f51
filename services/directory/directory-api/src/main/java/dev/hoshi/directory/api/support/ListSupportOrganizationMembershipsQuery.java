package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;

/** Every membership (pending, active, declined) of one support organisation. */
public record ListSupportOrganizationMembershipsQuery(SupportOrganizationId supportOrganizationId) {}

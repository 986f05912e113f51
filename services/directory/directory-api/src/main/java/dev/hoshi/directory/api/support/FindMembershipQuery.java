package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;

/** The membership of one organisation in one support organisation; empty when neither side ever proposed one. */
public record FindMembershipQuery(SupportOrganizationId supportOrganizationId, TenantId organizationId) {}

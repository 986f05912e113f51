package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.TenantId;

/** Every membership (pending, active, declined) of one SME organisation. */
public record ListOrganizationMembershipsQuery(TenantId organizationId) {}

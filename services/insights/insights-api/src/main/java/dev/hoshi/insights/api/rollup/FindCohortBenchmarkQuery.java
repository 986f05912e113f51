package dev.hoshi.insights.api.rollup;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;

/**
 * Where {@code organizationId}'s latest score stands among consenting organisations of its JSIC industry; empty unless
 * {@code viewer} is one of its people.
 */
public record FindCohortBenchmarkQuery(TenantId organizationId, UserId viewer) {}

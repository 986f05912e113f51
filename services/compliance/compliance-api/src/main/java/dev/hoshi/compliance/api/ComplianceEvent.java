package dev.hoshi.compliance.api;

import dev.hoshi.kernel.id.TenantId;

/** An event of one organisation's compliance record: whose it is and when it took effect. */
public interface ComplianceEvent extends EffectiveDated {

    TenantId organizationId();
}

package dev.hoshi.insights.api.attestation;

import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;

/**
 * What {@code partner} may attest about {@code organizationId} on {@code today} (a date in Japan): empty unless the
 * partner holds a live grant from the organisation.
 */
public record FindAttestationQuery(TenantId organizationId, PartnerClientId partner, LocalDate today) {}

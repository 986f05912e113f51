package dev.hoshi.insights.api.attestation;

import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;

/**
 * What {@code partner} may attest about an organisation on {@code today} (a date in Japan): empty unless the partner
 * holds a live grant from the organisation. The organisation is named by its id or, when that is {@code null}, by
 * its corporate number (法人番号, 13 digits).
 */
public record FindAttestationQuery(
        TenantId organizationId, String corporateNumber, PartnerClientId partner, LocalDate today) {

    public FindAttestationQuery {
        if ((organizationId == null) == (corporateNumber == null)) {
            throw new IllegalArgumentException("name the organisation by its id or by its corporate number");
        }
    }
}

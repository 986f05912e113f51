package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;

/**
 * The organisation withdrew a grant: from the moment of this event (and for every day from {@code revokedOn}, the
 * date in Japan) the grantee sees nothing more through it. The grant's last scope and dates are repeated so the
 * event stands on its own.
 */
public record ConsentRevokedEvent(
        ConsentGrantId grantId,
        TenantId organizationId,
        Grantee grantee,
        ConsentScope scope,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate revokedOn) {}

package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;

/**
 * A grant now allows {@code scope} instead of {@code previousScope}, from the moment of this event; its grantee and
 * dates are repeated so the event stands on its own.
 */
public record ConsentScopeChangedEvent(
        ConsentGrantId grantId,
        TenantId organizationId,
        Grantee grantee,
        ConsentScope previousScope,
        ConsentScope scope,
        LocalDate startDate,
        LocalDate endDate) {}

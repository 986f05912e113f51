package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An owner grants a support organisation or a partner client access to the organisation's data at {@code scope},
 * from {@code startDate} (today or later, in Japan) until {@code endDate} inclusive, or until revoked when there
 * is none.
 *
 * @param startDate when access begins; today (in Japan) when {@code null}
 * @param endDate the last day of access, after {@code startDate}; {@code null} for no end
 */
public record GrantConsentCommand(
        @TargetAggregateIdentifier TenantId organizationId,
        ConsentGrantId grantId,
        Grantee grantee,
        ConsentScope scope,
        LocalDate startDate,
        LocalDate endDate,
        UserId requestedBy) {}

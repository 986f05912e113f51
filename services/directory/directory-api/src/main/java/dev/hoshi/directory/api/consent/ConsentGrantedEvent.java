package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;

/**
 * The organisation lets {@code grantee} see its data at {@code scope} from {@code startDate} to {@code endDate}
 * (inclusive; {@code null}: until revoked). Dates are calendar dates in Japan. Self-sufficient: a service deciding
 * what a grantee may see needs nothing but this grant's events.
 */
public record ConsentGrantedEvent(
        ConsentGrantId grantId,
        TenantId organizationId,
        Grantee grantee,
        ConsentScope scope,
        LocalDate startDate,
        LocalDate endDate) {}

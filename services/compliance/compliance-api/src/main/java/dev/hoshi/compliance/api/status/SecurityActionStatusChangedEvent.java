package dev.hoshi.compliance.api.status;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;

/**
 * Compliance's derived status of an organisation changed: applied by its SECURITY ACTION record after any command
 * that changes it, including Hoshi's daily check when a review falls overdue or an assessment expires. {@code
 * effectiveOn} is the day the status was derived for (the day it was recorded). Consumers store the status as it
 * is; none re-derives it from the raw events.
 */
public record SecurityActionStatusChangedEvent(
        TenantId organizationId, SecurityActionStatus status, LocalDate effectiveOn) implements ComplianceEvent {}

package dev.hoshi.compliance.api.incident;

import dev.hoshi.kernel.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Incident readiness now or on a date. */
public final class IncidentQueries {

    private IncidentQueries() {}

    /** {@code asOf} null for today. */
    public record FindIncidentReadinessQuery(TenantId organizationId, LocalDate asOf) {}

    /**
     * @param overdueSteps phases of open incidents past their due date
     * @param lastDrillOn the day the latest drill was detected (started); null when none
     */
    public record IncidentReadinessView(
            String organizationId,
            LocalDate asOf,
            List<ContactView> contacts,
            List<IncidentView> incidents,
            int overdueSteps,
            LocalDate lastDrillOn) {}

    public record ContactView(String contactId, String kind, String name, String phone, String email, String note) {}

    /** {@code phase}: the current phase's code, or CLOSED. */
    public record IncidentView(
            String incidentId, String title, boolean drill, Instant detectedAt, String phase, List<PhaseView> phases) {}

    public record PhaseView(String code, LocalDate dueOn, Instant completedAt, String report, boolean overdue) {}
}

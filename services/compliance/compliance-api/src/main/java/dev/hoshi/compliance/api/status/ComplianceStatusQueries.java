package dev.hoshi.compliance.api.status;

import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.kernel.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Queries on an organisation's compliance record, and what they answer. */
public final class ComplianceStatusQueries {

    private ComplianceStatusQueries() {}

    /** The dashboard as things stood on {@code asOf} (null: now, from the read model). */
    public record FindComplianceStatusQuery(TenantId organizationId, LocalDate asOf) {}

    /** Every change, oldest first, with who made it, when it was recorded and when it took effect. */
    public record FindTimelineQuery(TenantId organizationId) {}

    /** Every self-assessment sheet, newest first, with its answers. */
    public record FindSelfAssessmentsQuery(TenantId organizationId) {}

    /**
     * The dashboard: compliance's status of the organisation on {@code asOf} and its controls.
     *
     * @param level the declared level, as IPA registered it (changes only by a declaration, a change or a stop)
     * @param standing Hoshi's standing of that level: whether its prerequisites still hold (Hoshi's rule, not IPA's)
     */
    public record ComplianceStatusView(
            String organizationId,
            LocalDate asOf,
            SecurityActionLevel level,
            String declarationId,
            LocalDate declaredOn,
            Standing standing,
            LapseReason lapseReason,
            LocalDate lapsedOn,
            SecurityActionLevel eligibleLevel,
            List<String> missingForNextStar,
            List<String> articlesCommitted,
            AssessmentView latestAssessment,
            PolicyView policy,
            List<ReviewView> reviews,
            int reviewMonths,
            List<ControlView> controls) {

        /** The dashboard for {@code status} as derived on {@code asOf}, with the controls as they stood then. */
        public static ComplianceStatusView of(
                TenantId organization, LocalDate asOf, SecurityActionStatus status, List<ControlView> controls) {
            SecurityActionStatus.LatestAssessment latest = status.latestAssessment();
            return new ComplianceStatusView(
                    organization.toString(),
                    asOf,
                    status.declaredLevel(),
                    status.declarationId(),
                    status.declaredOn(),
                    status.standing(),
                    status.lapseReason(),
                    status.lapsedOn(),
                    status.eligibleLevel(),
                    status.missingForNextStar(),
                    status.articlesCommitted(),
                    latest == null
                            ? null
                            : new AssessmentView(
                                    latest.assessmentId(),
                                    latest.edition(),
                                    null,
                                    latest.completedOn(),
                                    latest.score(),
                                    latest.band(),
                                    latest.partScores(),
                                    latest.answers(),
                                    latest.followUps(),
                                    latest.supersedes(),
                                    false),
                    new PolicyView(
                            status.policy().adopted(),
                            status.policy().published(),
                            status.policy().publicUrl()),
                    status.reviews().stream()
                            .map(r -> new ReviewView(r.kind(), r.dueOn(), r.overdue()))
                            .toList(),
                    status.reviewMonths(),
                    controls);
        }
    }

    public record AssessmentView(
            String id,
            String edition,
            String unit,
            LocalDate completedOn,
            int score,
            String band,
            Map<Integer, Integer> partScores,
            Map<String, String> answers,
            List<String> followUps,
            String supersedes,
            boolean superseded) {}

    public record PolicyView(boolean adopted, boolean published, String publicUrl) {}

    public record ReviewView(ReviewKind kind, LocalDate dueOn, boolean overdue) {}

    public record ControlView(
            String controlId,
            ControlStatus status,
            String owner,
            LocalDate dueOn,
            String evidenceUrl,
            String evidenceNote,
            String justification,
            LocalDate effectiveOn) {

        /** The control as this update left it. */
        public static ControlView of(ControlStatusUpdatedEvent e) {
            return new ControlView(
                    e.controlId(),
                    e.status(),
                    e.owner() == null ? null : e.owner().toString(),
                    e.dueOn(),
                    e.evidenceUrl(),
                    e.evidenceNote(),
                    e.justification(),
                    e.effectiveOn());
        }

        /** A catalog control nobody has touched yet. */
        public static ControlView notStarted(String controlId) {
            return new ControlView(controlId, ControlStatus.NOT_STARTED, null, null, null, null, null, null);
        }
    }

    public record TimelineEntryView(
            String event,
            String summaryEn,
            String summaryJa,
            String actor,
            Instant recordedAt,
            LocalDate effectiveOn,
            boolean backdated,
            String correlationId) {}
}

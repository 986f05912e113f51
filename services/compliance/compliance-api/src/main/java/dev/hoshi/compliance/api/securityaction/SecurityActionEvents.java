package dev.hoshi.compliance.api.securityaction;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** What happened on an organisation's way to ★ and ★★. Each says when it took effect. */
public final class SecurityActionEvents {

    private SecurityActionEvents() {}

    /**
     * The organisation committed to these articles of the 5 (all five make ★ eligible), as the guideline
     * {@code edition} words them (the catalog's current edition when committed).
     *
     * <p>Revision 2 added {@code edition}. Revision 1 (no revision stored) is read through {@code
     * FiveArticlesCommittedEventUpcaster} with the edition in force when it was written, {@value
     * #FIRST_REVISION_EDITION}.
     */
    @Revision("2")
    public record FiveArticlesCommittedEvent(
            TenantId organizationId, List<String> articles, String edition, LocalDate effectiveOn)
            implements ComplianceEvent {

        /** The only edition Hoshi knew while revision 1 was written. */
        public static final String FIRST_REVISION_EDITION = "3.1";
    }

    /**
     * A 25-item sheet was completed and scored under {@code edition}. Immutable: a correction is a new sheet that
     * {@code supersedes} this one.
     */
    public record SelfAssessmentSubmittedEvent(
            TenantId organizationId,
            AssessmentId assessmentId,
            String edition,
            String unit,
            Map<String, String> answers,
            int score,
            Map<Integer, Integer> partScores,
            String band,
            List<String> followUps,
            AssessmentId supersedes,
            List<AssessmentId> combinedFrom,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** The basic security policy (情報セキュリティ基本方針) was adopted. */
    public record BasicPolicyAdoptedEvent(TenantId organizationId, LocalDate effectiveOn) implements ComplianceEvent {}

    /** The adopted policy is published at a public URL. */
    public record BasicPolicyPublishedEvent(TenantId organizationId, String publicUrl, LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** The policy was withdrawn. */
    public record BasicPolicyWithdrawnEvent(
            TenantId organizationId, @Personal(KeyOf.ORGANIZATION) String reason, LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** The organisation recorded the declaration IPA issued. */
    public record DeclarationRecordedEvent(
            TenantId organizationId,
            SecurityActionLevel level,
            String declarationId,
            String declarationIdFormat,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** The organisation stopped its declaration with IPA (停止): nothing is declared from {@code effectiveOn}. */
    public record DeclarationStoppedEvent(
            TenantId organizationId,
            SecurityActionLevel level,
            String declarationId,
            @Personal(KeyOf.ORGANIZATION) String reason,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /**
     * Written by earlier versions when a ★★ prerequisite stopped holding; they also lowered the declared level with
     * it. Kept only so stored history reads: a lapse is now part of {@code SecurityActionStatusChangedEvent}'s
     * standing, and the declared level stays as IPA registered it.
     *
     * @deprecated no longer applied; the standing in the status event replaces it
     */
    @Deprecated
    public record SecurityActionLevelLapsedEvent(
            TenantId organizationId,
            SecurityActionLevel from,
            SecurityActionLevel to,
            LapseReason reason,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** A periodic review was done; the next falls due {@code nextDueOn}. */
    public record ReviewCompletedEvent(
            TenantId organizationId,
            ReviewKind kind,
            @Personal(KeyOf.ORGANIZATION) String note,
            LocalDate nextDueOn,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** A periodic review passed its due date without being done. */
    public record ReviewOverdueEvent(TenantId organizationId, ReviewKind kind, LocalDate dueOn, LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** The review cadence changed (months between reviews). */
    public record ReviewCadenceSetEvent(TenantId organizationId, int months, LocalDate effectiveOn)
            implements ComplianceEvent {}
}

package dev.hoshi.compliance.api.securityaction;

import dev.hoshi.compliance.api.status.SecurityActionLevel;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What an organisation does on its way to ★ and ★★. The organisation is always the caller's own. */
public final class SecurityActionCommands {

    private SecurityActionCommands() {}

    /** Commit to some or all of the 5 articles (情報セキュリティ5か条), effective on a date. */
    public record CommitToFiveArticlesCommand(
            @TargetAggregateIdentifier SecurityActionId id, Set<String> articles, LocalDate effectiveOn) {}

    /**
     * Submit a completed 25-item sheet under an edition. {@code unit} names a business unit for a per-unit sheet
     * (null: the whole organisation); {@code supersedes} names the sheet this one corrects.
     */
    public record SubmitSelfAssessmentCommand(
            @TargetAggregateIdentifier SecurityActionId id,
            AssessmentId assessmentId,
            String edition,
            String unit,
            Map<String, String> answers,
            LocalDate completedOn,
            AssessmentId supersedes) {}

    /** Combine per-unit sheets into the organisation's sheet: each item takes the weakest unit's answer. */
    public record CombineUnitAssessmentsCommand(
            @TargetAggregateIdentifier SecurityActionId id,
            AssessmentId assessmentId,
            List<AssessmentId> units,
            LocalDate completedOn) {}

    public record AdoptBasicPolicyCommand(@TargetAggregateIdentifier SecurityActionId id, LocalDate effectiveOn) {}

    public record PublishBasicPolicyCommand(
            @TargetAggregateIdentifier SecurityActionId id, String publicUrl, LocalDate effectiveOn) {}

    public record WithdrawBasicPolicyCommand(
            @TargetAggregateIdentifier SecurityActionId id, String reason, LocalDate effectiveOn) {}

    /** Record the declaration IPA issued (Hoshi tracks it; IPA issues it). */
    public record RecordDeclarationCommand(
            @TargetAggregateIdentifier SecurityActionId id,
            SecurityActionLevel level,
            String declarationId,
            LocalDate effectiveOn) {}

    /**
     * Record that the organisation stopped its declaration with IPA (停止). A change of level (変更) is recorded as a
     * new declaration with {@link RecordDeclarationCommand}.
     */
    public record StopDeclarationCommand(
            @TargetAggregateIdentifier SecurityActionId id, String reason, LocalDate effectiveOn) {}

    public record CompleteReviewCommand(
            @TargetAggregateIdentifier SecurityActionId id, ReviewKind kind, String note, LocalDate effectiveOn) {}

    public record SetReviewCadenceCommand(@TargetAggregateIdentifier SecurityActionId id, int months) {}

    /**
     * Hoshi's daily check as of {@code today}: marks overdue reviews and publishes the status when it changed (a review
     * fell due, an assessment expired).
     */
    public record CheckDueDatesCommand(@TargetAggregateIdentifier SecurityActionId id, LocalDate today) {}
}

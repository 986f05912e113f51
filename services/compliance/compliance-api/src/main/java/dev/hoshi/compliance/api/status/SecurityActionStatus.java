package dev.hoshi.compliance.api.status;

import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Compliance's conclusion about an organisation's SECURITY ACTION record on one day: what it declared with IPA, how
 * Hoshi judges it stands, what it could declare, and what it still lacks. Derived by compliance alone (one rule, one
 * place) and published in {@link SecurityActionStatusChangedEvent} whenever it changes; every reader stores it
 * rather than deriving it again.
 *
 * @param declaredLevel the level IPA registered, as the organisation recorded it; changes only when it records a new
 *     declaration, a change or a stop, never by a lapse
 * @param standing whether the declared level's prerequisites hold (Hoshi's rule)
 * @param lapseReason why they stopped holding; null unless {@code standing} is {@code PREREQUISITES_LAPSED}
 * @param lapsedOn the first day they no longer held; null unless lapsed
 * @param eligibleLevel the highest level the organisation could declare on the day
 * @param missingForNextStar what stands between it and the next star: {@code ARTICLE_A1}..{@code ARTICLE_A5},
 *     {@code SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD}, {@code POLICY_ADOPTED}, {@code POLICY_PUBLISHED}, or {@code
 *     DECLARATION} when only recording the declaration is left; empty at ★★ declared
 * @param latestAssessment the newest organisation-wide sheet that no other corrects; null before the first
 * @param reviews the periodic reviews with their due dates, one per kind that has something to review
 */
public record SecurityActionStatus(
        SecurityActionLevel declaredLevel,
        String declarationId,
        LocalDate declaredOn,
        Standing standing,
        LapseReason lapseReason,
        LocalDate lapsedOn,
        SecurityActionLevel eligibleLevel,
        List<String> missingForNextStar,
        List<String> articlesCommitted,
        LatestAssessment latestAssessment,
        Policy policy,
        List<ReviewDue> reviews,
        int reviewMonths) {

    public SecurityActionStatus {
        missingForNextStar = List.copyOf(missingForNextStar);
        articlesCommitted = List.copyOf(articlesCommitted);
        reviews = List.copyOf(reviews);
    }

    /** Whether any periodic review is past its due date. */
    public boolean anyReviewOverdue() {
        return reviews.stream().anyMatch(ReviewDue::overdue);
    }

    /**
     * The organisation-wide sheet the status is based on: its score, part scores (1 to 3), band, answers, the items
     * to follow up (answered "don't know"), and the sheet it corrects, if any.
     */
    public record LatestAssessment(
            String assessmentId,
            String edition,
            LocalDate completedOn,
            int score,
            Map<Integer, Integer> partScores,
            String band,
            Map<String, String> answers,
            List<String> followUps,
            String supersedes) {

        public LatestAssessment {
            partScores = Map.copyOf(partScores);
            answers = Map.copyOf(answers);
            followUps = List.copyOf(followUps);
        }
    }

    /** The basic security policy (情報セキュリティ基本方針): in force, published, and where. */
    public record Policy(boolean adopted, boolean published, String publicUrl) {}

    /** A periodic review: when it falls due and whether that day has passed. */
    public record ReviewDue(ReviewKind kind, LocalDate dueOn, boolean overdue) {}
}

package dev.hoshi.insights;

import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.LatestAssessment;
import dev.hoshi.compliance.api.status.SecurityActionStatus.Policy;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SECURITY ACTION statuses as compliance publishes them, for insights' tests. Each factory names a situation an SME
 * can be in and fills in the facts compliance reports with it (articles, policy, what is missing); the modifiers
 * change one conclusion or fact. A test says what compliance concluded, never how: insights stores the status as it
 * is, so nothing here is a rule insights applies.
 *
 * <pre>{@code
 * Statuses.twoStarsDeclared(on).sheet(25, on).lapsed(LapseReason.POLICY_NOT_PUBLISHED, later).event("m1", later)
 * }</pre>
 */
public final class Statuses {

    public static final String DECLARATION_ID = "51234567890";
    private static final List<String> ARTICLES = List.of("A1", "A2", "A3", "A4", "A5");
    private static final int REVIEW_MONTHS = 12;

    private Statuses() {}

    /** Nothing committed, nothing declared. */
    public static Builder nothingYet() {
        return new Builder().missing(ARTICLES.stream().map(a -> "ARTICLE_" + a).toList());
    }

    /** All 5 articles committed, ★ not yet declared. */
    public static Builder oneStarEligible() {
        return new Builder().articles().eligible(SecurityActionLevel.ONE_STAR).missing(List.of("DECLARATION"));
    }

    /** ★ declared with IPA on {@code on}, in good standing; ★★'s sheet and policy still missing. */
    public static Builder oneStarDeclared(LocalDate on) {
        return new Builder()
                .articles()
                .declared(SecurityActionLevel.ONE_STAR, on)
                .eligible(SecurityActionLevel.ONE_STAR)
                .missing(List.of("SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD", "POLICY_ADOPTED", "POLICY_PUBLISHED"));
    }

    /** ★★'s prerequisites hold (articles, a current sheet, a published policy); ★★ not yet declared. */
    public static Builder twoStarsEligible() {
        return new Builder()
                .articles()
                .policy(true, true)
                .eligible(SecurityActionLevel.TWO_STARS)
                .missing(List.of("DECLARATION"));
    }

    /** ★★ declared with IPA on {@code on}, in good standing. */
    public static Builder twoStarsDeclared(LocalDate on) {
        return twoStarsEligible().declared(SecurityActionLevel.TWO_STARS, on).missing(List.of());
    }

    public static final class Builder {

        private SecurityActionLevel declared = SecurityActionLevel.NONE;
        private String declarationId;
        private LocalDate declaredOn;
        private Standing standing = Standing.NOT_DECLARED;
        private LapseReason lapseReason;
        private LocalDate lapsedOn;
        private SecurityActionLevel eligible = SecurityActionLevel.NONE;
        private List<String> missing = List.of();
        private List<String> articles = List.of();
        private LatestAssessment sheet;
        private Policy policy = new Policy(false, false, null);
        private final Map<ReviewKind, ReviewDue> reviews = new EnumMap<>(ReviewKind.class);

        private Builder() {}

        /** The declaration IPA issued ({@link #DECLARATION_ID}), in good standing. */
        public Builder declared(SecurityActionLevel level, LocalDate on) {
            declared = level;
            declarationId = DECLARATION_ID;
            declaredOn = on;
            standing = Standing.GOOD;
            return this;
        }

        public Builder eligible(SecurityActionLevel level) {
            eligible = level;
            return this;
        }

        public Builder missing(List<String> what) {
            missing = what;
            return this;
        }

        Builder articles() {
            articles = ARTICLES;
            return this;
        }

        /** The basic policy in force and whether it is published; its yearly review follows. */
        public Builder policy(boolean adopted, boolean published) {
            policy = new Policy(adopted, published, published ? "https://example.jp/security-policy" : null);
            if (!adopted) {
                reviews.remove(ReviewKind.BASIC_POLICY);
            }
            return this;
        }

        /**
         * The latest organisation-wide sheet: items Q1..Q{@code done} answered DONE, the rest NOT_DONE, so it scores
         * {@code done × 4}; part subtotals half, a quarter and a quarter of it; its review due a year later.
         */
        public Builder sheet(int done, LocalDate on) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (int i = 1; i <= 25; i++) {
                answers.put("Q" + i, i <= done ? "DONE" : "NOT_DONE");
            }
            int score = done * 4;
            String band = score == 100 ? "B100" : score >= 70 ? "B70" : score >= 50 ? "B50" : "B49";
            sheet = new LatestAssessment(
                    "sheet-" + on + "-" + done,
                    "3.1",
                    on,
                    score,
                    Map.of(1, score / 2, 2, score / 4, 3, score / 4),
                    band,
                    answers,
                    List.of(),
                    null);
            reviews.put(
                    ReviewKind.SELF_ASSESSMENT,
                    new ReviewDue(ReviewKind.SELF_ASSESSMENT, on.plusMonths(REVIEW_MONTHS), false));
            return this;
        }

        /** A review compliance reports past its due date. */
        public Builder overdue(ReviewKind kind, LocalDate dueOn) {
            reviews.put(kind, new ReviewDue(kind, dueOn, true));
            return this;
        }

        /**
         * Compliance reports that the declared level's prerequisites stopped holding on {@code on}, for {@code
         * reason}; the declared level stays. The facts behind the reason change with it: the policy withdrawn or no
         * longer published, or the sheet's review overdue; the organisation can still declare ★.
         */
        public Builder lapsed(LapseReason reason, LocalDate on) {
            standing = Standing.PREREQUISITES_LAPSED;
            lapseReason = reason;
            lapsedOn = on;
            eligible = SecurityActionLevel.ONE_STAR;
            switch (reason) {
                case POLICY_WITHDRAWN -> policy(false, false);
                case POLICY_NOT_PUBLISHED -> policy(true, false);
                case ASSESSMENT_EXPIRED -> overdue(ReviewKind.SELF_ASSESSMENT, on);
            }
            return this;
        }

        public SecurityActionStatus build() {
            if (policy.adopted()) {
                reviews.putIfAbsent(
                        ReviewKind.BASIC_POLICY,
                        new ReviewDue(
                                ReviewKind.BASIC_POLICY,
                                (sheet == null ? LocalDate.parse("2026-01-01") : sheet.completedOn())
                                        .plusMonths(REVIEW_MONTHS),
                                false));
            }
            return new SecurityActionStatus(
                    declared,
                    declarationId,
                    declaredOn,
                    standing,
                    lapseReason,
                    lapsedOn,
                    eligible,
                    missing,
                    articles,
                    sheet,
                    policy,
                    new ArrayList<>(reviews.values()),
                    REVIEW_MONTHS);
        }

        /** The event compliance applies when the organisation's status becomes this one. */
        public SecurityActionStatusChangedEvent event(String organization, LocalDate effectiveOn) {
            return new SecurityActionStatusChangedEvent(TenantId.of(organization), build(), effectiveOn);
        }
    }
}

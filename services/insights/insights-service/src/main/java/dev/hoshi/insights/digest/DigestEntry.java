package dev.hoshi.insights.digest;

import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.platform.outbox.MailOutbox;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One analyst's digest of one month: the figures as the rollup query showed them to that analyst when the entry was
 * written, so a mail sent again (a sender that stopped mid-way) says the same. Its id is deterministic ({@link
 * #idOf}), so writing it twice, on another replica or after a restart, is a no-op.
 *
 * @param status {@code QUEUED}, then {@code SENT} or {@code SKIPPED} ({@code detail} says why)
 */
record DigestEntry(
        String id,
        String supportOrganizationId,
        String analyst,
        YearMonth month,
        Figures figures,
        String status,
        Instant createdAt,
        Instant doneAt,
        String detail) {

    /**
     * The headline figures; a figure withheld under the disclosure rules is {@code null} and its group's {@code
     * …Withheld} says why.
     *
     * @param members consenting members ({@code null} below the disclosure threshold)
     * @param levelsWithheld why the level figures (levels, standing lapsed, declined) are withheld; null when shown
     * @param levels members per level bucket: none, ★ eligible, ★ declared, ★★ eligible, ★★ declared
     * @param reviewsOverdueWithheld why the count of members with an overdue review is withheld; null when shown
     * @param scoresWithheld why the score mean and median are withheld; null when shown
     */
    record Figures(
            Long members,
            SuppressionReason levelsWithheld,
            List<Long> levels,
            Long standingLapsed,
            Long declined,
            SuppressionReason reviewsOverdueWithheld,
            Long reviewsOverdue,
            SuppressionReason scoresWithheld,
            Double scoreMean,
            Double scoreMedian) {

        /** What the rollup view shows, nothing more (a withheld figure stays withheld). */
        static Figures of(SupportOrganizationRollupView view) {
            var l = view.levels();
            var s = view.scores();
            return new Figures(
                    view.consentingMembers(),
                    withheld(view.suppressed(), view.suppressedReason()),
                    l == null
                            ? null
                            : List.of(
                                    l.none(),
                                    l.oneStarEligible(),
                                    l.oneStarDeclared(),
                                    l.twoStarsEligible(),
                                    l.twoStarsDeclared()),
                    view.standingLapsed(),
                    view.declined(),
                    view.reviewsOverdue() == null ? withheld(true, view.reviewsOverdueSuppressedReason()) : null,
                    view.reviewsOverdue(),
                    s == null ? SuppressionReason.SMALL_GROUP : withheld(s.suppressed(), s.suppressedReason()),
                    s == null ? null : s.mean(),
                    s == null ? null : s.median());
        }

        private static SuppressionReason withheld(boolean suppressed, SuppressionReason reason) {
            return !suppressed ? null : reason == null ? SuppressionReason.SMALL_GROUP : reason;
        }

        Document toDocument() {
            return new Document("members", members)
                    .append("levelsWithheld", name(levelsWithheld))
                    .append("levels", levels)
                    .append("standingLapsed", standingLapsed)
                    .append("declined", declined)
                    .append("reviewsOverdueWithheld", name(reviewsOverdueWithheld))
                    .append("reviewsOverdue", reviewsOverdue)
                    .append("scoresWithheld", name(scoresWithheld))
                    .append("scoreMean", scoreMean)
                    .append("scoreMedian", scoreMedian);
        }

        static Figures fromDocument(Document d) {
            return new Figures(
                    d.getLong("members"),
                    reason(d.getString("levelsWithheld")),
                    d.getList("levels", Long.class),
                    d.getLong("standingLapsed"),
                    d.getLong("declined"),
                    reason(d.getString("reviewsOverdueWithheld")),
                    d.getLong("reviewsOverdue"),
                    reason(d.getString("scoresWithheld")),
                    d.getDouble("scoreMean"),
                    d.getDouble("scoreMedian"));
        }

        private static String name(SuppressionReason reason) {
            return reason == null ? null : reason.name();
        }

        private static SuppressionReason reason(String name) {
            return name == null ? null : SuppressionReason.valueOf(name);
        }
    }

    static DigestEntry queued(
            String supportOrganizationId, String analyst, YearMonth month, Figures figures, Instant now) {
        return new DigestEntry(
                idOf(supportOrganizationId, analyst, month),
                supportOrganizationId,
                analyst,
                month,
                figures,
                MailOutbox.QUEUED,
                now,
                null,
                null);
    }

    static String idOf(String supportOrganizationId, String analyst, YearMonth month) {
        return String.join("|", "digest", supportOrganizationId, analyst, month.toString());
    }

    Document toDocument() {
        return new Document("_id", id)
                .append("supportOrganizationId", supportOrganizationId)
                .append("analyst", analyst)
                .append("month", month.toString())
                .append("figures", figures.toDocument())
                .append("status", status)
                .append("createdAt", Date.from(createdAt))
                .append("doneAt", doneAt == null ? null : Date.from(doneAt))
                .append("detail", detail);
    }

    static DigestEntry fromDocument(Document d) {
        Date doneAt = d.getDate("doneAt");
        return new DigestEntry(
                d.getString("_id"),
                d.getString("supportOrganizationId"),
                d.getString("analyst"),
                YearMonth.parse(d.getString("month")),
                Figures.fromDocument(d.get("figures", Document.class)),
                d.getString("status"),
                d.getDate("createdAt").toInstant(),
                doneAt == null ? null : doneAt.toInstant(),
                d.getString("detail"));
    }
}

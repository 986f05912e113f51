package dev.hoshi.compliance.api.status;

import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.kernel.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What others may see of an organisation's record: a support organisation's analysts and partner clients see it
 * only while the organisation's consent grant is active, and only at its scope; every such read is logged for the
 * organisation.
 */
public final class DisclosureQueries {

    private DisclosureQueries() {}

    /** The record as {@code viewer} (an actor, e.g. {@code USER:demo-tanaka}) may see it; empty without a grant. */
    public record FindMemberStatusQuery(TenantId organizationId, String viewer) {}

    /**
     * Who outside the organisation looked at its record in the last {@code days} days, newest first: at most {@code
     * limit} entries, only those before {@code before} when it is given (the next page).
     */
    public record FindAccessLogQuery(TenantId organizationId, int days, Instant before, int limit) {}

    /**
     * @param scope the grant's scope: LEVEL_ONLY, LEVEL_AND_SCORES or FULL_DETAIL; fields beyond it are null
     * @param level the declared level as IPA registered it; {@code standing} is Hoshi's view of its prerequisites
     */
    public record MemberStatusView(
            String organizationId,
            String name,
            String scope,
            SecurityActionLevel level,
            String declarationId,
            LocalDate declaredOn,
            Standing standing,
            LapseReason lapseReason,
            LocalDate lapsedOn,
            Integer score,
            String band,
            LocalDate completedOn,
            List<PartScoreView> partScores,
            List<AnswerView> answers,
            List<ControlView> controls) {}

    public record PartScoreView(int part, int score) {}

    public record AnswerView(String item, String answer) {}

    /** @param what MEMBER_STATUS (compliance), MEMBER_LIST, MEMBER_EXPORT or ATTESTATION (insights) */
    public record AccessLogEntryView(Instant at, String viewer, String scope, String what) {}
}

package dev.hoshi.insights.api.attestation;

/**
 * An organisation's SECURITY ACTION status as a partner may see it. IPA issues declarations; Hoshi records them and
 * attests only what it recorded, as compliance published it.
 *
 * @param level NONE, ONE_STAR or TWO_STARS: the level declared with IPA (a lapse never lowers it)
 * @param declarationId the 自己宣言ID of the current declaration, {@code null} without one
 * @param declaredOn the date the current declaration took effect
 * @param standing NOT_DECLARED, GOOD or PREREQUISITES_LAPSED: whether the declared level's prerequisites still hold,
 *     by Hoshi's monitoring rule (IPA's declaration has no expiry)
 * @param lapseReason POLICY_WITHDRAWN, POLICY_NOT_PUBLISHED or ASSESSMENT_EXPIRED; {@code null} unless lapsed
 * @param lapsedOn the first day the prerequisites no longer held, {@code yyyy-MM-dd}; {@code null} unless lapsed
 * @param assessedOn the latest organisation-wide self-assessment's date (scope LEVEL_AND_SCORES and up)
 * @param band its band (scope LEVEL_AND_SCORES and up)
 * @param scope the grant's scope
 */
public record AttestationView(
        String organizationId,
        String partnerClientId,
        String level,
        String declarationId,
        String declaredOn,
        String standing,
        String lapseReason,
        String lapsedOn,
        String assessedOn,
        String band,
        String scope) {}

package dev.hoshi.insights.api.attestation;

/**
 * An organisation's SECURITY ACTION status as a partner may see it. IPA issues declarations; Hoshi records them and
 * attests only what it recorded.
 *
 * @param level NONE, ONE_STAR or TWO_STARS (declared)
 * @param declarationId the 自己宣言ID of the current declaration, {@code null} without one
 * @param declaredOn the date the current declaration took effect
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
        String assessedOn,
        String band,
        String scope) {}

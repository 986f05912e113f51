package dev.hoshi.insights.rollup.subscription;

import java.time.Instant;

/**
 * A member organisation's level bucket, the standing of its declared level, or its score changed, as one support
 * organisation may see it.
 *
 * @param supportOrganizationId who is told
 * @param organizationId the member organisation
 * @param name its name (null until directory's registration event arrived)
 * @param scope the widest live grant to that support organisation: LEVEL_ONLY, LEVEL_AND_SCORES or FULL_DETAIL
 * @param levelBefore the level bucket before the event (NONE, ONE_STAR_ELIGIBLE, ONE_STAR_DECLARED, ...)
 * @param level the level bucket after it
 * @param standingBefore the standing of the declared level before the event (NOT_DECLARED, GOOD or
 *     PREREQUISITES_LAPSED; Hoshi's monitoring rule, not IPA's)
 * @param standing the standing after it
 * @param lapseReason why the prerequisites lapsed, after the event; null unless lapsed
 * @param scoreBefore the latest organisation-wide score before; null when the scope hides scores or there was none
 * @param score the latest organisation-wide score after; null when the scope hides scores or there is none
 * @param at when the event happened
 */
public record MemberStatusChange(
        String supportOrganizationId,
        String organizationId,
        String name,
        String scope,
        String levelBefore,
        String level,
        String standingBefore,
        String standing,
        String lapseReason,
        Integer scoreBefore,
        Integer score,
        Instant at) {}

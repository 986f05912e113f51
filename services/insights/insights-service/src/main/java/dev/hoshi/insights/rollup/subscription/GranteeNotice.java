package dev.hoshi.insights.rollup.subscription;

import dev.hoshi.directory.api.consent.GranteeKind;

/**
 * What one grantee (a support organisation or a partner client) may hear of one member, for webhooks: its status
 * changed (level bucket, standing or score, cut to the grantee's scope as for {@link MemberStatusChange}), or the
 * member's grant to it started or ended (on its dates, by a revocation, or by a scope granted anew).
 *
 * @param change for {@code STATUS_CHANGED}, the change as the grantee may see it ({@code supportOrganizationId} is the
 *     grantee's id, whatever its kind); for {@code GRANT_STARTED}, the member's current level, standing and score at
 *     the new grant's scope (before = after); for {@code GRANT_ENDED}, only the member and the scope that ended
 */
public record GranteeNotice(GranteeKind granteeKind, String granteeId, Type type, MemberStatusChange change) {

    public enum Type {
        STATUS_CHANGED,
        GRANT_STARTED,
        GRANT_ENDED
    }
}

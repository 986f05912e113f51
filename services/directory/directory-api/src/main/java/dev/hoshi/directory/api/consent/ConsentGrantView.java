package dev.hoshi.directory.api.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A consent grant as it stands, with every change to it, oldest first. */
public record ConsentGrantView(
        String id,
        String organizationId,
        GranteeKind granteeKind,
        String granteeId,
        ConsentScope scope,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate revokedOn,
        ConsentStatus status,
        List<Change> history) {

    /** What happened to a grant. */
    public enum ChangeKind {
        GRANTED,
        SCOPE_CHANGED,
        REVOKED
    }

    /**
     * One change: what, the scope after it, when, and who (a user id, from the event's metadata).
     *
     * @param by the acting person's user id; {@code null} when Hoshi itself acted
     */
    public record Change(ChangeKind change, ConsentScope scope, Instant at, String by) {}
}

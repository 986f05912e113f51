package dev.hoshi.compliance.reminder;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One mail to one person for one occasion. Its id is deterministic ({@link #idOf}), so writing the same occasion
 * twice is a no-op wherever and whenever it is written.
 *
 * @param subject what the occasion is about: the review kind ({@code SELF_ASSESSMENT}, {@code BASIC_POLICY}) or, for
 *     a lapse, its reason
 * @param date the review's due date, or the first day the standing lapsed
 * @param status {@code QUEUED}, then {@code SENT} or {@code SKIPPED} ({@code detail} says why)
 */
record OutboxEntry(
        String id,
        String organizationId,
        String organizationName,
        String person,
        Occasion occasion,
        String subject,
        LocalDate date,
        String status,
        Instant createdAt,
        Instant doneAt,
        String detail) {

    static final String QUEUED = "QUEUED";
    static final String SENT = "SENT";
    static final String SKIPPED = "SKIPPED";

    static OutboxEntry queued(
            String organizationId,
            String organizationName,
            String person,
            Occasion occasion,
            String subject,
            LocalDate date,
            Instant now) {
        return new OutboxEntry(
                idOf(organizationId, person, occasion, subject, date),
                organizationId,
                organizationName,
                person,
                occasion,
                subject,
                date,
                QUEUED,
                now,
                null,
                null);
    }

    /** The id this entry's fields make ({@link #idOf}): after its person was erased, not the one it had. */
    String idNow() {
        return idOf(organizationId, person, occasion, subject, date);
    }

    static String idOf(String organizationId, String person, Occasion occasion, String subject, LocalDate date) {
        return String.join("|", organizationId, person, occasion.name(), subject, date.toString());
    }
}

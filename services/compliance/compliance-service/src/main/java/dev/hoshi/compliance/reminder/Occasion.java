package dev.hoshi.compliance.reminder;

import dev.hoshi.directory.api.person.NotificationKind;

/** Why an owner hears from Hoshi, and the kind of mail (which a person may turn off) it belongs to. */
enum Occasion {
    /** A periodic review falls due in 30 days. */
    DUE_IN_30_DAYS(NotificationKind.REVIEW_DUE, 30),
    /** A periodic review falls due in 7 days. */
    DUE_IN_7_DAYS(NotificationKind.REVIEW_DUE, 7),
    /** A periodic review became overdue (the day after its due date). */
    REVIEW_OVERDUE(NotificationKind.REVIEW_OVERDUE, 0),
    /** Hoshi's standing for the declared ★★ lapsed. */
    TWO_STARS_LAPSED(NotificationKind.STANDING_LAPSED, 0);

    private final NotificationKind kind;
    private final int daysBefore;

    Occasion(NotificationKind kind, int daysBefore) {
        this.kind = kind;
        this.daysBefore = daysBefore;
    }

    NotificationKind kind() {
        return kind;
    }

    /** For the advance reminders: how many days before the due date they go out. */
    int daysBefore() {
        return daysBefore;
    }
}

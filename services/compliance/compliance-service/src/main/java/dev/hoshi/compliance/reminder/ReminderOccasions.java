package dev.hoshi.compliance.reminder;

import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns compliance's published status into reminders. A review that fell overdue and a ★★ whose standing lapsed are
 * written to the outbox as the status saying so arrives; the advance reminders (30 and 7 days before a due date) are
 * filed under their day for {@link ReminderSchedule}, or written at once when their day has come already (and the
 * review is still ahead). Only occasions of the last {@code hoshi.reminders.grace-days} days (7) are written, so
 * catching up on an old event stream (a new deployment, a long outage) sends nothing stale; the local demo widens
 * it so that its backdated history shows. It never replays: the outbox is a record of what was sent.
 */
@Component
@ProcessingGroup("compliance-reminders")
@DisallowReplay
class ReminderOccasions {

    private final ReminderSchedule schedule;
    private final ReminderWriter writer;
    private final Clock clock;
    private final int graceDays;

    ReminderOccasions(
            ReminderSchedule schedule,
            ReminderWriter writer,
            Clock clock,
            @Value("${hoshi.reminders.grace-days:7}") int graceDays) {
        this.schedule = schedule;
        this.writer = writer;
        this.clock = clock;
        this.graceDays = graceDays;
    }

    @EventHandler
    void on(SecurityActionStatusChangedEvent event) {
        LocalDate today = BusinessTime.today(clock);
        SecurityActionStatus status = event.status();
        schedule.record(event.organizationId(), status);
        for (ReviewDue review : status.reviews()) {
            if (review.overdue()) {
                if (recent(review.dueOn().plusDays(1), today)) {
                    writer.write(
                            event.organizationId(),
                            Occasion.REVIEW_OVERDUE,
                            review.kind().name(),
                            review.dueOn());
                }
                continue;
            }
            for (Occasion advance : new Occasion[] {Occasion.DUE_IN_30_DAYS, Occasion.DUE_IN_7_DAYS}) {
                LocalDate day = review.dueOn().minusDays(advance.daysBefore());
                if (day.isAfter(today)) {
                    schedule.file(event.organizationId(), day);
                } else if (!review.dueOn().isBefore(today)
                        && recent(day, today)
                        && nearest(advance, review.dueOn(), today)) {
                    writer.write(event.organizationId(), advance, review.kind().name(), review.dueOn());
                }
            }
        }
        if (status.declaredLevel() == SecurityActionLevel.TWO_STARS
                && status.standing() == Standing.PREREQUISITES_LAPSED
                && status.lapsedOn() != null
                && recent(status.lapsedOn(), today)) {
            writer.write(
                    event.organizationId(),
                    Occasion.TWO_STARS_LAPSED,
                    String.valueOf(status.lapseReason()),
                    status.lapsedOn());
        }
    }

    private boolean recent(LocalDate day, LocalDate today) {
        return !day.isAfter(today) && !day.isBefore(today.minusDays(graceDays));
    }

    /** A 30-day reminder is late news once the 7-day one is due: only the nearer one goes out. */
    private static boolean nearest(Occasion advance, LocalDate dueOn, LocalDate today) {
        return advance == Occasion.DUE_IN_7_DAYS
                || dueOn.minusDays(Occasion.DUE_IN_7_DAYS.daysBefore()).isAfter(today);
    }
}

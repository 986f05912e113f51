package dev.hoshi.compliance.reminder;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The advance reminders' calendar. Each organisation's latest due dates ({@code reminder_schedules/<org>}, as
 * compliance last published them) and, per day, the organisations with a reminder that day ({@link
 * ReminderCalendar}): every hot read is a point look-up. Each run goes through the days since the last one it
 * finished ({@code reminder_state/progress}, at most {@code hoshi.reminders.grace-days} back) up to today, and writes
 * the reminders whose day it is for the due dates still current. Replicas may run it at once: the outbox ids make
 * their writes the same writes.
 */
@Component
class ReminderSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

    private final MongoCollection<Document> schedules;
    private final ReminderCalendar calendar;
    private final MongoCollection<Document> state;
    private final ReminderWriter writer;
    private final Clock clock;
    private final int graceDays;

    ReminderSchedule(
            @Qualifier("serviceDatabase") MongoDatabase db,
            ReminderWriter writer,
            Clock clock,
            @Value("${hoshi.reminders.grace-days:7}") int graceDays) {
        this.schedules = db.getCollection("reminder_schedules");
        this.calendar = new ReminderCalendar(db.getCollection("reminder_days"));
        this.state = db.getCollection("reminder_state");
        this.writer = writer;
        this.clock = clock;
        this.graceDays = graceDays;
    }

    /** Keeps the organisation's current due dates (the status as published). */
    void record(TenantId organization, SecurityActionStatus status) {
        List<Document> reviews = status.reviews().stream()
                .map(r -> new Document("kind", r.kind().name())
                        .append("dueOn", r.dueOn().toString())
                        .append("overdue", r.overdue()))
                .toList();
        schedules.replaceOne(
                new Document("_id", organization.toString()),
                new Document("_id", organization.toString()).append("reviews", reviews),
                new ReplaceOptions().upsert(true));
    }

    /** Files the organisation under a day on which it may have an advance reminder. */
    void file(TenantId organization, LocalDate day) {
        calendar.file(organization, day);
    }

    @Scheduled(
            initialDelayString = "${hoshi.reminders.schedule.initial-delay:PT1M}",
            fixedDelayString = "${hoshi.reminders.schedule.interval:PT10M}")
    void scheduled() {
        run();
    }

    /** Writes the advance reminders of every day since the last run up to today; returns how many were new. */
    int run() {
        LocalDate today = BusinessTime.today(clock);
        LocalDate earliest = today.minusDays(graceDays);
        LocalDate day = lastFinished()
                .map(d -> d.plusDays(1))
                .filter(d -> d.isAfter(earliest))
                .orElse(earliest);
        int written = 0;
        for (; !day.isAfter(today); day = day.plusDays(1)) {
            written += remind(day);
            state.updateOne(
                    new Document("_id", "progress"),
                    new Document("$set", new Document("day", day.toString())),
                    new UpdateOptions().upsert(true));
        }
        if (written > 0) {
            log.info("Reminders: {} new outbox entries up to {}", written, today);
        }
        return written;
    }

    private int remind(LocalDate day) {
        int written = 0;
        for (String tenant : calendar.organizationsOn(day)) {
            for (ReviewDue review : reviews(tenant)) {
                for (Occasion advance : new Occasion[] {Occasion.DUE_IN_30_DAYS, Occasion.DUE_IN_7_DAYS}) {
                    if (!review.overdue()
                            && review.dueOn().minusDays(advance.daysBefore()).equals(day)) {
                        written += writer.write(
                                TenantId.of(tenant), advance, review.kind().name(), review.dueOn());
                    }
                }
            }
        }
        return written;
    }

    private List<ReviewDue> reviews(String tenant) {
        Document doc = schedules.find(new Document("_id", tenant)).first();
        if (doc == null) {
            return List.of();
        }
        return doc.getList("reviews", Document.class).stream()
                .map(r -> new ReviewDue(
                        dev.hoshi.compliance.api.securityaction.ReviewKind.valueOf(r.getString("kind")),
                        LocalDate.parse(r.getString("dueOn")),
                        r.getBoolean("overdue")))
                .toList();
    }

    private Optional<LocalDate> lastFinished() {
        return Optional.ofNullable(state.find(new Document("_id", "progress")).first())
                .map(d -> LocalDate.parse(d.getString("day")));
    }
}

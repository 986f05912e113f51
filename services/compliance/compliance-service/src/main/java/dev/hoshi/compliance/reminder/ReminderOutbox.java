package dev.hoshi.compliance.reminder;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.platform.outbox.MailOutbox;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The reminders' outbox ({@link MailOutbox}): {@code reminder_outbox} keeps every entry, keyed by its deterministic id,
 * and {@code reminder_queue} the entries still to send, each claimed by one sender at a time.
 */
@Component
class ReminderOutbox {

    private final MailOutbox outbox;

    ReminderOutbox(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.outbox = new MailOutbox(db.getCollection("reminder_outbox"), db.getCollection("reminder_queue"));
    }

    /** Writes the entry and queues it; false (and nothing changed) when an entry with its id exists. */
    boolean enqueue(OutboxEntry entry) {
        return outbox.enqueue(toDocument(entry));
    }

    Optional<OutboxEntry> find(String id) {
        return outbox.find(id).map(ReminderOutbox::fromDocument);
    }

    /** Claims a queued entry for {@code holder} until {@code now + lease}; empty when another holds it or it is done. */
    Optional<OutboxEntry> claim(String id, String holder, Instant now, Duration lease) {
        return outbox.claim(id, holder, now, lease).map(ReminderOutbox::fromDocument);
    }

    /** The entry is done (sent or skipped): recorded in the outbox, gone from the queue. */
    void done(String id, String status, String detail, Instant now) {
        outbox.done(id, status, detail, now);
    }

    /**
     * An erased person's reminders name them as {@code erasedAs} from now on, in their id too; one still queued is
     * not sent ({@link MailOutbox#erase}).
     */
    void erase(Predicate<String> isSubject, String erasedAs, Instant now) {
        outbox.erase("person", isSubject, erasedAs, doc -> fromDocument(doc).idNow(), now);
    }

    /** The outbox itself, for the sender ({@code OutboxMailer}). */
    MailOutbox records() {
        return outbox;
    }

    private static Document toDocument(OutboxEntry e) {
        return new Document("_id", e.id())
                .append("organizationId", e.organizationId())
                .append("organizationName", e.organizationName())
                .append("person", e.person())
                .append("occasion", e.occasion().name())
                .append("subject", e.subject())
                .append("date", e.date().toString())
                .append("status", e.status())
                .append("createdAt", Date.from(e.createdAt()))
                .append("doneAt", e.doneAt() == null ? null : Date.from(e.doneAt()))
                .append("detail", e.detail());
    }

    static OutboxEntry fromDocument(Document d) {
        Date doneAt = d.getDate("doneAt");
        return new OutboxEntry(
                d.getString("_id"),
                d.getString("organizationId"),
                d.getString("organizationName"),
                d.getString("person"),
                Occasion.valueOf(d.getString("occasion")),
                d.getString("subject"),
                LocalDate.parse(d.getString("date")),
                d.getString("status"),
                d.getDate("createdAt").toInstant(),
                doneAt == null ? null : doneAt.toInstant(),
                d.getString("detail"));
    }
}

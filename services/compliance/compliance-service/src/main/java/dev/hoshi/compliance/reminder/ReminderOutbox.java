package dev.hoshi.compliance.reminder;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The reminders' outbox: {@code reminder_outbox} keeps every entry, keyed by its deterministic id (the unique
 * {@code _id} makes a second insert fail, so a second writer is a no-op on every backend); {@code reminder_queue}
 * holds only the entries still to send, each with the time until which a sender has claimed it. Claiming is a
 * conditional update on one queue document (atomic everywhere), so of two senders one wins. The queue stays small
 * whatever the outbox grows to, so listing it never scans the history.
 */
@Component
class ReminderOutbox {

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> queue;

    ReminderOutbox(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.entries = db.getCollection("reminder_outbox");
        this.queue = db.getCollection("reminder_queue");
    }

    /** Writes the entry and queues it; false (and nothing changed) when an entry with its id exists. */
    boolean enqueue(OutboxEntry entry) {
        try {
            entries.insertOne(toDocument(entry));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a writer that stopped between the two writes left it unqueued: queue it now
            find(entry.id())
                    .filter(found -> OutboxEntry.QUEUED.equals(found.status()))
                    .ifPresent(found -> queue(found.id()));
            return false;
        }
        queue(entry.id());
        return true;
    }

    private void queue(String id) {
        queue.updateOne(
                new Document("_id", id),
                new Document("$setOnInsert", new Document("claimedUntil", new Date(0)).append("attempts", 0)),
                new UpdateOptions().upsert(true));
    }

    Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(entries.find(new Document("_id", id)).first())
                .map(ReminderOutbox::fromDocument);
    }

    /** Up to {@code limit} queued ids that no sender holds at {@code now}. */
    List<String> claimable(int limit, Instant now) {
        List<String> ids = new ArrayList<>();
        queue.find(new Document("claimedUntil", new Document("$lt", Date.from(now))))
                .limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    /**
     * Claims a queued entry for {@code holder} until {@code now + lease}; empty when another sender holds it, or when
     * it is no longer to send (its queue document is then dropped).
     */
    Optional<OutboxEntry> claim(String id, String holder, Instant now, Duration lease) {
        Document claimed = queue.findOneAndUpdate(
                new Document("_id", id).append("claimedUntil", new Document("$lt", Date.from(now))),
                new Document("$set", new Document("claimedUntil", Date.from(now.plus(lease))).append("holder", holder))
                        .append("$inc", new Document("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            return Optional.empty();
        }
        Optional<OutboxEntry> entry = find(id);
        if (entry.isEmpty() || !OutboxEntry.QUEUED.equals(entry.get().status())) {
            queue.deleteOne(new Document("_id", id));
            return Optional.empty();
        }
        return entry;
    }

    /** The entry is done (sent or skipped): recorded in the outbox, gone from the queue. */
    void done(String id, String status, String detail, Instant now) {
        entries.updateOne(
                new Document("_id", id),
                new Document(
                        "$set",
                        new Document("status", status)
                                .append("doneAt", Date.from(now))
                                .append("detail", detail)));
        queue.deleteOne(new Document("_id", id));
    }

    /**
     * Sending failed: the entry stays queued and is tried again after a pause that doubles with each attempt (1, 2,
     * 4 … minutes, at most an hour). Returns the pause.
     */
    Duration retryLater(String id, Instant now, String detail) {
        Document held = queue.find(new Document("_id", id)).first();
        int attempts = held == null ? 1 : Math.max(1, held.getInteger("attempts", 1));
        Duration pause = Duration.ofMinutes(Math.min(60, 1L << Math.min(6, attempts - 1)));
        queue.updateOne(
                new Document("_id", id),
                new Document(
                        "$set", new Document("claimedUntil", Date.from(now.plus(pause))).append("lastError", detail)));
        return pause;
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

    private static OutboxEntry fromDocument(Document d) {
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

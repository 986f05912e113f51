package dev.hoshi.platform.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * An outbox of mails, each sent once: {@code entries} keeps every entry, keyed by a deterministic id chosen by the
 * writer (the unique {@code _id} makes a second insert fail, so a second writer, another replica or a restart, is a
 * no-op on every backend); {@code queue} holds only the entries still to send, each with the time until which a
 * sender has claimed it. Claiming is a conditional update on one queue document (atomic everywhere), so of two
 * senders one wins. The queue stays small whatever the outbox grows to, so listing it never scans the history. An
 * entry has a {@code status}: {@link #QUEUED}, then {@link #SENT} or {@link #SKIPPED} (with a {@code detail}).
 * Compliance's reminders and insights' monthly digest use it.
 */
public final class MailOutbox {

    public static final String QUEUED = "QUEUED";
    public static final String SENT = "SENT";
    public static final String SKIPPED = "SKIPPED";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> queue;

    public MailOutbox(MongoCollection<Document> entries, MongoCollection<Document> queue) {
        this.entries = entries;
        this.queue = queue;
    }

    /**
     * Writes the entry ({@code _id} and {@code status} {@link #QUEUED} set) and queues it; false (and nothing changed)
     * when an entry with its id exists.
     */
    public boolean enqueue(Document entry) {
        String id = entry.getString("_id");
        try {
            entries.insertOne(entry);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a writer that stopped between the two writes left it unqueued: queue it now
            find(id).filter(found -> QUEUED.equals(found.getString("status"))).ifPresent(found -> queue(id));
            return false;
        }
        queue(id);
        return true;
    }

    private void queue(String id) {
        queue.updateOne(
                new Document("_id", id),
                new Document("$setOnInsert", new Document("claimedUntil", new Date(0)).append("attempts", 0)),
                new UpdateOptions().upsert(true));
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(entries.find(new Document("_id", id)).first());
    }

    /** Up to {@code limit} queued ids that no sender holds at {@code now}. */
    public List<String> claimable(int limit, Instant now) {
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
    public Optional<Document> claim(String id, String holder, Instant now, Duration lease) {
        Document claimed = queue.findOneAndUpdate(
                new Document("_id", id).append("claimedUntil", new Document("$lt", Date.from(now))),
                new Document("$set", new Document("claimedUntil", Date.from(now.plus(lease))).append("holder", holder))
                        .append("$inc", new Document("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            return Optional.empty();
        }
        Optional<Document> entry = find(id);
        if (entry.isEmpty() || !QUEUED.equals(entry.get().getString("status"))) {
            queue.deleteOne(new Document("_id", id));
            return Optional.empty();
        }
        return entry;
    }

    /**
     * Takes an erased person out of the outbox: every entry whose {@code field} is them ({@code isSubject}) names them
     * as {@code erasedAs} from now on, in its id too ({@code idOf} gives the id of the rewritten entry; the entry
     * moves, the record of what was sent stays); one still queued is not sent ({@link #SKIPPED}, "erased"). Scans the
     * outbox: erasures are rare. Safe to repeat (the second finds no one).
     */
    public void erase(
            String field, Predicate<String> isSubject, String erasedAs, Function<Document, String> idOf, Instant now) {
        List<Document> hits = new ArrayList<>();
        for (Document entry : entries.find()) {
            String person = entry.getString(field);
            if (person != null && isSubject.test(person)) {
                hits.add(entry);
            }
        }
        for (Document entry : hits) {
            String oldId = entry.getString("_id");
            entry.put(field, erasedAs);
            entry.put("_id", idOf.apply(entry));
            if (QUEUED.equals(entry.getString("status"))) {
                entry.append("status", SKIPPED).append("doneAt", Date.from(now)).append("detail", "erased");
            }
            queue.deleteOne(new Document("_id", oldId));
            entries.replaceOne(new Document("_id", entry.get("_id")), entry, new ReplaceOptions().upsert(true));
            entries.deleteOne(new Document("_id", oldId));
        }
    }

    /** The entry is done (sent or skipped): recorded in the outbox, gone from the queue. */
    public void done(String id, String status, String detail, Instant now) {
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
    public Duration retryLater(String id, Instant now, String detail) {
        Document held = queue.find(new Document("_id", id)).first();
        int attempts = held == null ? 1 : Math.max(1, held.getInteger("attempts", 1));
        Duration pause = Duration.ofMinutes(Math.min(60, 1L << Math.min(6, attempts - 1)));
        queue.updateOne(
                new Document("_id", id),
                new Document(
                        "$set", new Document("claimedUntil", Date.from(now.plus(pause))).append("lastError", detail)));
        return pause;
    }

    /**
     * Claims and hands to {@code send} every entry queued and claimable now, batch after batch, until none is left;
     * {@code send} returns whether a mail went out (it records the entry done, skipped or to retry itself). Returns
     * how many went out.
     */
    public int drain(int batchSize, Clock clock, String holder, Duration lease, Predicate<Document> send) {
        int sent = 0;
        while (true) {
            List<String> batch = claimable(batchSize, clock.instant());
            if (batch.isEmpty()) {
                return sent;
            }
            for (String id : batch) {
                Optional<Document> claimed = claim(id, holder, clock.instant(), lease);
                if (claimed.isPresent() && send.test(claimed.get())) {
                    sent++;
                }
            }
        }
    }
}

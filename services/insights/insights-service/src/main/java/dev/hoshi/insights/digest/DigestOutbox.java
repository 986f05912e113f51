package dev.hoshi.insights.digest;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.platform.outbox.MailOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The digests' outbox ({@link MailOutbox}): {@code digest_outbox} keeps every entry (the record of what was sent or
 * skipped), {@code digest_queue} the ones still to send.
 */
@Component
class DigestOutbox {

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> queue;
    private final MailOutbox outbox;

    DigestOutbox(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.entries = db.getCollection("digest_outbox");
        this.queue = db.getCollection("digest_queue");
        this.outbox = new MailOutbox(entries, queue);
    }

    /**
     * An erased analyst's entries name them as {@code erasedAs} from now on, in their id too (the entry moves; the
     * record of what was sent stays); one still queued is not sent ({@code SKIPPED}, "erased"). Scans the outbox:
     * erasures are rare.
     */
    void erase(Predicate<String> isSubject, String erasedAs, Instant now) {
        List<Document> hits = new ArrayList<>();
        for (Document entry : entries.find()) {
            String analyst = entry.getString("analyst");
            if (analyst != null && isSubject.test(analyst)) {
                hits.add(entry);
            }
        }
        for (Document entry : hits) {
            String oldId = entry.getString("_id");
            DigestEntry digest = DigestEntry.fromDocument(entry);
            Document moved = entry.append(
                            "_id", DigestEntry.idOf(digest.supportOrganizationId(), erasedAs, digest.month()))
                    .append("analyst", erasedAs);
            if (MailOutbox.QUEUED.equals(digest.status())) {
                moved.append("status", MailOutbox.SKIPPED)
                        .append("doneAt", Date.from(now))
                        .append("detail", "erased");
            }
            queue.deleteOne(new Document("_id", oldId));
            entries.replaceOne(new Document("_id", moved.getString("_id")), moved, new ReplaceOptions().upsert(true));
            entries.deleteOne(new Document("_id", oldId));
        }
    }

    /** False (and nothing changed) when the analyst's digest of that month was written before. */
    boolean enqueue(DigestEntry entry) {
        return outbox.enqueue(entry.toDocument());
    }

    Optional<DigestEntry> find(String id) {
        return outbox.find(id).map(DigestEntry::fromDocument);
    }

    void done(String id, String status, String detail, Instant now) {
        outbox.done(id, status, detail, now);
    }

    /** The outbox itself, for the sender ({@code OutboxMailer}). */
    MailOutbox records() {
        return outbox;
    }
}

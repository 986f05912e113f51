package dev.hoshi.insights.digest;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.platform.outbox.MailOutbox;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The digests' outbox ({@link MailOutbox}): {@code digest_outbox} keeps every entry (the record of what was sent or
 * skipped), {@code digest_queue} the ones still to send.
 */
@Component
class DigestOutbox {

    private final MailOutbox outbox;

    DigestOutbox(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.outbox = new MailOutbox(db.getCollection("digest_outbox"), db.getCollection("digest_queue"));
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

package dev.hoshi.insights.digest;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.platform.outbox.MailOutbox;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Predicate;
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

    /**
     * An erased analyst's entries name them as {@code erasedAs} from now on, in their id too; one still queued is not
     * sent ({@link MailOutbox#erase}).
     */
    void erase(Predicate<String> isSubject, String erasedAs, Instant now) {
        outbox.erase(
                "analyst",
                isSubject,
                erasedAs,
                doc -> DigestEntry.idOf(
                        doc.getString("supportOrganizationId"),
                        doc.getString("analyst"),
                        YearMonth.parse(doc.getString("month"))),
                now);
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

package dev.hoshi.insights.digest;

import dev.hoshi.platform.outbox.OutboxMailer;
import dev.hoshi.platform.outbox.OutboxMailer.Decision;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the queued digests ({@link OutboxMailer}): for each, the analyst's contact at that moment (no readable
 * address, or {@code MONTHLY_DIGEST} turned off, skips it, recorded as such), else the mail in their language. Without
 * SMTP configured ({@code spring.mail.host}) nothing is sent and entries wait.
 */
@Component
class DigestSender {

    private final DigestContacts contacts;
    private final String webUrl;
    private final OutboxMailer mailer;

    DigestSender(
            DigestOutbox outbox,
            DigestContacts contacts,
            ObjectProvider<JavaMailSender> mail,
            Clock clock,
            @Value("${hoshi.insights.digest.from:Hoshi <no-reply@hoshi.invalid>}") String from,
            @Value("${hoshi.insights.digest.web-url:http://127.0.0.1:8080}") String webUrl,
            @Value("${hoshi.insights.digest.batch-size:100}") int batchSize) {
        this.contacts = contacts;
        this.webUrl = webUrl.replaceAll("/+$", "");
        this.mailer = new OutboxMailer(
                outbox.records(),
                mail,
                clock,
                from,
                batchSize,
                ManagementFactory.getRuntimeMXBean().getName(),
                "X-Hoshi-Digest");
    }

    @Scheduled(
            initialDelayString = "${hoshi.insights.digest.send.initial-delay:PT30S}",
            fixedDelayString = "${hoshi.insights.digest.send.interval:PT1M}")
    void scheduled() {
        sendQueued();
    }

    /** Sends every queued digest claimable now; returns how many mails went out. */
    int sendQueued() {
        return mailer.sendQueued(doc -> decide(DigestEntry.fromDocument(doc)));
    }

    private Decision decide(DigestEntry entry) {
        return contacts.of(entry.analyst())
                .map(contact -> {
                    if (contact.digestOff()) {
                        return Decision.skip("turned off: MONTHLY_DIGEST");
                    }
                    DigestText text = DigestText.of(entry, contact.language(), webUrl);
                    return Decision.send(contact.email(), text.subject(), text.body());
                })
                .orElse(Decision.skip("no address"));
    }
}

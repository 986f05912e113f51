package dev.hoshi.compliance.reminder;

import dev.hoshi.compliance.reminder.ReminderContacts.Contact;
import dev.hoshi.platform.outbox.OutboxMailer;
import dev.hoshi.platform.outbox.OutboxMailer.Decision;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the queued reminders ({@link OutboxMailer}): for each entry, the person's contact at that moment (an opt-out
 * or a forgotten address skips it, recorded as such), else the mail in their language. At least once, never twice
 * otherwise; without SMTP configured ({@code spring.mail.host}) nothing is sent and entries wait.
 */
@Component
class ReminderSender {

    private final ReminderContacts contacts;
    private final String webUrl;
    private final OutboxMailer mailer;

    @Autowired
    ReminderSender(
            ReminderOutbox outbox,
            ReminderContacts contacts,
            ObjectProvider<JavaMailSender> mail,
            Clock clock,
            @Value("${hoshi.reminders.from:Hoshi <no-reply@hoshi.invalid>}") String from,
            @Value("${hoshi.reminders.web-url:http://127.0.0.1:8080}") String webUrl,
            @Value("${hoshi.reminders.batch-size:100}") int batchSize) {
        this(
                outbox,
                contacts,
                mail,
                clock,
                from,
                webUrl,
                batchSize,
                ManagementFactory.getRuntimeMXBean().getName());
    }

    ReminderSender(
            ReminderOutbox outbox,
            ReminderContacts contacts,
            ObjectProvider<JavaMailSender> mail,
            Clock clock,
            String from,
            String webUrl,
            int batchSize,
            String holder) {
        this.contacts = contacts;
        this.webUrl = webUrl.replaceAll("/+$", "");
        this.mailer = new OutboxMailer(outbox.records(), mail, clock, from, batchSize, holder, "X-Hoshi-Reminder");
    }

    @Scheduled(
            initialDelayString = "${hoshi.reminders.send.initial-delay:PT30S}",
            fixedDelayString = "${hoshi.reminders.send.interval:PT30S}")
    void scheduled() {
        sendQueued();
    }

    /** Sends everything queued and claimable now, batch after batch; returns how many mails went out. */
    int sendQueued() {
        return mailer.sendQueued(doc -> decide(ReminderOutbox.fromDocument(doc)));
    }

    private Decision decide(OutboxEntry entry) {
        Optional<Contact> contact = contacts.of(entry.person());
        if (contact.isEmpty()) {
            return Decision.skip("no address");
        }
        if (contact.get().optOuts().contains(entry.occasion().kind())) {
            return Decision.skip("turned off: " + entry.occasion().kind());
        }
        ReminderText text = ReminderText.of(entry, contact.get().language(), webUrl);
        return Decision.send(contact.get().email(), text.subject(), text.body());
    }
}

package dev.hoshi.compliance.reminder;

import dev.hoshi.compliance.reminder.ReminderContacts.Contact;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the queued reminders, a batch at a time: claims each entry (one sender wins), reads the person's contact at
 * that moment (an opt-out or a forgotten address skips it, recorded as such), sends it and records it sent. A mail
 * that fails is tried again after a pause that doubles, up to an hour. A sender that stops between sending and
 * recording sends that one mail again once its claim expires: at least once, never twice otherwise. Without SMTP
 * configured ({@code spring.mail.host}) nothing is sent and entries wait.
 */
@Component
class ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(ReminderSender.class);
    private static final Duration CLAIM = Duration.ofMinutes(5);

    private final ReminderOutbox outbox;
    private final ReminderContacts contacts;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;
    private final String from;
    private final String webUrl;
    private final int batchSize;
    private final String holder;

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
        this.outbox = outbox;
        this.contacts = contacts;
        this.mail = mail;
        this.clock = clock;
        this.from = from;
        this.webUrl = webUrl.replaceAll("/+$", "");
        this.batchSize = batchSize;
        this.holder = holder;
    }

    @Scheduled(
            initialDelayString = "${hoshi.reminders.send.initial-delay:PT30S}",
            fixedDelayString = "${hoshi.reminders.send.interval:PT30S}")
    void scheduled() {
        sendQueued();
    }

    /** Sends everything queued and claimable now, batch after batch; returns how many mails went out. */
    int sendQueued() {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        while (true) {
            List<String> batch = outbox.claimable(batchSize, clock.instant());
            if (batch.isEmpty()) {
                return sent;
            }
            for (String id : batch) {
                Optional<OutboxEntry> claimed = outbox.claim(id, holder, clock.instant(), CLAIM);
                if (claimed.isPresent() && send(sender, claimed.get())) {
                    sent++;
                }
            }
        }
    }

    private boolean send(JavaMailSender sender, OutboxEntry entry) {
        Instant now = clock.instant();
        Optional<Contact> contact = contacts.of(entry.person());
        if (contact.isEmpty()) {
            outbox.done(entry.id(), OutboxEntry.SKIPPED, "no address", now);
            return false;
        }
        if (contact.get().optOuts().contains(entry.occasion().kind())) {
            outbox.done(
                    entry.id(),
                    OutboxEntry.SKIPPED,
                    "turned off: " + entry.occasion().kind(),
                    now);
            return false;
        }
        ReminderText text = ReminderText.of(entry, contact.get().language(), webUrl);
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(contact.get().email());
            helper.setSubject(text.subject());
            helper.setText(text.body());
            message.setHeader("X-Hoshi-Reminder", entry.id());
            sender.send(message);
        } catch (Exception e) {
            Duration pause = outbox.retryLater(entry.id(), now, String.valueOf(e.getMessage()));
            log.warn("Reminder {} not sent ({}); tried again in {}", entry.id(), e.getMessage(), pause);
            return false;
        }
        outbox.done(entry.id(), OutboxEntry.SENT, null, clock.instant());
        return true;
    }
}

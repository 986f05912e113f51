package dev.hoshi.platform.outbox;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends a {@link MailOutbox}'s queued entries, a batch at a time: claims each (one sender wins), asks the service what
 * to do with it at that moment (a mail, or a reason to skip it: no address, the kind turned off), sends it and records
 * it sent or skipped. A mail the SMTP server refuses is tried again after 1, 2, 4 … minutes, at most an hour apart. A
 * sender that stops between sending and recording sends that one mail again once its 5-minute claim expires: at least
 * once, never twice otherwise. Without SMTP configured ({@code spring.mail.host}) nothing is sent and entries wait.
 */
public final class OutboxMailer {

    /** What to do with one entry now: send this mail, or skip it ({@code skipped} says why). */
    public record Decision(String to, String subject, String body, String skipped) {

        public static Decision send(String to, String subject, String body) {
            return new Decision(to, subject, body, null);
        }

        public static Decision skip(String why) {
            return new Decision(null, null, null, why);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);
    private static final Duration CLAIM = Duration.ofMinutes(5);

    private final MailOutbox outbox;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;
    private final String from;
    private final int batchSize;
    private final String holder;
    private final String idHeader;

    /**
     * @param from the sender address
     * @param holder this sender's name in its claims
     * @param idHeader the header that carries the entry's id in each mail (e.g. {@code X-Hoshi-Reminder})
     */
    public OutboxMailer(
            MailOutbox outbox,
            ObjectProvider<JavaMailSender> mail,
            Clock clock,
            String from,
            int batchSize,
            String holder,
            String idHeader) {
        this.outbox = outbox;
        this.mail = mail;
        this.clock = clock;
        this.from = from;
        this.batchSize = batchSize;
        this.holder = holder;
        this.idHeader = idHeader;
    }

    /** Sends every entry queued and claimable now, as {@code decide} says; returns how many mails went out. */
    public int sendQueued(Function<Document, Decision> decide) {
        JavaMailSender sender = mail.getIfAvailable();
        return sender == null
                ? 0
                : outbox.drain(batchSize, clock, holder, CLAIM, entry -> send(sender, entry, decide.apply(entry)));
    }

    private boolean send(JavaMailSender sender, Document entry, Decision decision) {
        String id = entry.getString("_id");
        if (decision.skipped() != null) {
            outbox.done(id, MailOutbox.SKIPPED, decision.skipped(), clock.instant());
            return false;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(decision.to());
            helper.setSubject(decision.subject());
            helper.setText(decision.body());
            message.setHeader(idHeader, id);
            sender.send(message);
        } catch (Exception e) {
            Duration pause = outbox.retryLater(id, clock.instant(), String.valueOf(e.getMessage()));
            log.warn("Mail {} not sent ({}); tried again in {}", id, e.getMessage(), pause);
            return false;
        }
        outbox.done(id, MailOutbox.SENT, null, clock.instant());
        return true;
    }
}

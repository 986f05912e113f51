package dev.hoshi.compliance.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.FindOrganizationStatusQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.person.ContactPreferencesId;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.person.NotificationKind;
import dev.hoshi.directory.api.person.NotificationLanguage;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.personal.RawGrep;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reminders end to end against a real SMTP server (GreenMail, in this JVM): compliance's published status in, mails
 * out, once, in each owner's language; time moves only when the test moves the clock.
 */
// its own context (a movable clock): closed after the class rather than kept to the end of the run
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
        properties = {
            "hoshi.compliance.due-check.initial-delay=PT1H",
            "hoshi.compliance.status-backfill.initial-delay=PT1H",
            "hoshi.reminders.schedule.initial-delay=PT1H",
            "hoshi.reminders.send.initial-delay=PT1H",
            "hoshi.reminders.batch-size=7",
            "hoshi.reminders.web-url=https://hoshi.example.jp/"
        })
class ReminderMailIT {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        MutableClock movableClock() {
            // noon in Japan on 2031-03-01
            return new MutableClock(Instant.parse("2031-03-01T03:00:00Z"));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    EventStore eventStore;

    @Autowired
    QueryGateway queries;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    ReminderSchedule schedule;

    @Autowired
    ReminderSender sender;

    @Autowired
    ReminderOutbox outbox;

    @Autowired
    ReminderContacts contacts;

    @Autowired
    ObjectProvider<JavaMailSender> mail;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    @Autowired
    MongoClient mongo;

    /** The calendar's progress belongs to the clock of the test that moved it. */
    @BeforeEach
    void calendarStartsAfresh() {
        db.getCollection("reminder_state").deleteMany(new Document());
    }

    @Test
    void ownersHearBeforeTheDueDateOnTheOverdueDayAndWhenTwoStarsLapseOnceEachInTheirLanguage() throws Exception {
        clock.set(Instant.parse("2031-03-01T03:00:00Z"));
        String n = String.valueOf(System.nanoTime());
        String org = "org-rem-" + n;
        String ja = "yamada-" + n;
        String en = "smith-" + n;
        String quiet = "quiet-" + n;
        String member = "member-" + n;
        directory(
                org,
                "山田印刷",
                ja,
                Map.of(en, OrganizationRole.OWNER, quiet, OrganizationRole.OWNER, member, OrganizationRole.MEMBER));
        contact(ja, ja + "@example.jp", NotificationLanguage.JA, Set.of());
        contact(en, en + "@example.com", NotificationLanguage.EN, Set.of());
        contact(quiet, quiet + "@example.jp", NotificationLanguage.JA, Set.of(NotificationKind.REVIEW_DUE));
        contact(member, member + "@example.jp", NotificationLanguage.JA, Set.of());
        awaitKnown(org, 4, ja, en, quiet, member);

        LocalDate due = LocalDate.parse("2031-04-10");
        status(org, 0, due, false, Standing.GOOD, null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.getCollection("reminder_schedules").countDocuments(new Document("_id", org)) == 1);
        int before = SMTP.getReceivedMessages().length;
        assertThat(schedule.run()).as("nothing is due 40 days ahead").isZero();

        // 30 days before: the two owners who want it, not the one who turned it off, not the member
        clock.set(Instant.parse("2031-03-11T03:00:00Z"));
        assertThat(schedule.run()).isEqualTo(3);
        assertThat(sender.sendQueued()).isEqualTo(2);
        List<MimeMessage> first = received(before);
        assertThat(first).hasSize(2);
        MimeMessage toJa = to(first, ja + "@example.jp");
        assertThat(toJa.getSubject()).isEqualTo("【Hoshi】山田印刷：自社診断（情報セキュリティ自社診断）の再実施の期限まであと30日です");
        assertThat(bodyOf(toJa))
                .contains("期限は2031年4月10日です（あと30日）")
                .contains("https://hoshi.example.jp/app/orgs/" + org);
        MimeMessage toEn = to(first, en + "@example.com");
        assertThat(toEn.getSubject()).isEqualTo("[Hoshi] 山田印刷: your self-assessment (情報セキュリティ自社診断) is due in 30 days");
        assertThat(bodyOf(toEn)).contains("is due on 2031-04-10 (in 30 days)").contains("record it in Hoshi");
        assertThat(outbox.find(OutboxEntry.idOf(org, quiet, Occasion.DUE_IN_30_DAYS, "SELF_ASSESSMENT", due)))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(OutboxEntry.SKIPPED))
                .satisfies(e -> assertThat(e.detail()).contains("REVIEW_DUE"));

        // again, and on a restart's re-run of the same day: nothing more
        assertThat(schedule.run()).isZero();
        db.getCollection("reminder_state").deleteMany(new Document());
        assertThat(schedule.run()).isZero();
        assertThat(sender.sendQueued()).isZero();
        assertThat(received(before)).hasSize(2);

        // 7 days before
        clock.set(Instant.parse("2031-04-03T03:00:00Z"));
        assertThat(schedule.run()).isEqualTo(3);
        assertThat(sender.sendQueued()).isEqualTo(2);
        assertThat(received(before))
                .extracting(MimeMessage::getSubject)
                .contains("[Hoshi] 山田印刷: your self-assessment (情報セキュリティ自社診断) is due in 7 days");

        // the day after the due date compliance publishes the review overdue and the ★★ lapsed
        clock.set(Instant.parse("2031-04-11T03:00:00Z"));
        status(org, 1, due, true, Standing.PREREQUISITES_LAPSED, LocalDate.parse("2031-04-11"));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        db.getCollection("reminder_outbox").countDocuments(new Document("organizationId", org)) == 12);
        assertThat(sender.sendQueued())
                .as("the quiet owner turned off only the advance reminders")
                .isEqualTo(6);
        List<MimeMessage> all = received(before);
        assertThat(all).hasSize(10);
        assertThat(all)
                .extracting(MimeMessage::getSubject)
                .contains(
                        "【Hoshi】山田印刷：自社診断（情報セキュリティ自社診断）の再実施の期限を過ぎました",
                        "[Hoshi] 山田印刷: your self-assessment (情報セキュリティ自社診断) is overdue",
                        "【Hoshi】山田印刷：二つ星の前提条件が満たされなくなりました",
                        "[Hoshi] 山田印刷: the prerequisites of your ★★ no longer hold");
        assertThat(all.stream()
                        .filter(m -> subjectOf(m).contains("★★"))
                        .map(ReminderMailIT::bodyOf)
                        .toList())
                .singleElement()
                .satisfies(body -> assertThat(body).contains("the self-assessment is older than the review period"));

        // the same occasions again (a repeated check), in a status that also names a policy review due later: the
        // schedule shows it was processed; no second mail
        status(
                org,
                2,
                due,
                true,
                Standing.PREREQUISITES_LAPSED,
                LocalDate.parse("2031-04-11"),
                LocalDate.parse("2032-01-15"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.getCollection("reminder_schedules")
                                .find(new Document("_id", org))
                                .first()
                                .getList("reviews", Document.class)
                                .size()
                        == 2);
        assertThat(sender.sendQueued()).isZero();
        assertThat(received(before)).hasSize(10);
        assertThat(all).noneMatch(m -> recipients(m).contains(member + "@example.jp"));
    }

    @Test
    void occasionsOlderThanAWeekSendNothingSoCatchingUpOnOldEventsIsQuiet() {
        clock.set(Instant.parse("2031-09-01T03:00:00Z"));
        String n = String.valueOf(System.nanoTime());
        String org = "org-old-" + n;
        String owner = "old-owner-" + n;
        directory(org, "古川商事", owner, Map.of());
        contact(owner, owner + "@example.jp", NotificationLanguage.JA, Set.of());
        awaitKnown(org, 1, owner);

        // overdue and lapsed 20 days ago; a policy review due in 10 days, whose 30-day day has passed
        status(
                org,
                0,
                LocalDate.parse("2031-08-12"),
                true,
                Standing.PREREQUISITES_LAPSED,
                LocalDate.parse("2031-08-13"),
                LocalDate.parse("2031-09-11"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.getCollection("reminder_schedules").countDocuments(new Document("_id", org)) == 1);

        assertThat(db.getCollection("reminder_outbox").countDocuments(new Document("organizationId", org)))
                .isZero();
        // the 7-day reminder of the policy review comes on its day
        clock.set(Instant.parse("2031-09-04T03:00:00Z"));
        assertThat(schedule.run()).isEqualTo(1);
        assertThat(outbox.find(OutboxEntry.idOf(
                        org, owner, Occasion.DUE_IN_7_DAYS, "BASIC_POLICY", LocalDate.parse("2031-09-11"))))
                .isPresent();
        assertThat(sender.sendQueued()).isEqualTo(1);
    }

    @Test
    void twoSendersSendEachQueuedMailOncePastTheirBatchSize() throws Exception {
        clock.set(Instant.parse("2031-06-01T03:00:00Z"));
        String n = String.valueOf(System.nanoTime());
        String person = "busy-" + n;
        contact(person, person + "@example.jp", NotificationLanguage.EN, Set.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.of(person).isPresent());
        int entries = 25;
        for (int i = 0; i < entries; i++) {
            assertThat(outbox.enqueue(OutboxEntry.queued(
                            "org-" + n + "-" + i,
                            "株式会社" + i,
                            person,
                            Occasion.REVIEW_OVERDUE,
                            "BASIC_POLICY",
                            LocalDate.parse("2031-05-31"),
                            clock.instant())))
                    .isTrue();
        }
        int before = SMTP.getReceivedMessages().length;
        ReminderSender a =
                new ReminderSender(outbox, contacts, mail, clock, "hoshi@example.jp", "https://h.example", 7, "a");
        ReminderSender b =
                new ReminderSender(outbox, contacts, mail, clock, "hoshi@example.jp", "https://h.example", 7, "b");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = pool.invokeAll(List.<Callable<Integer>>of(a::sendQueued, b::sendQueued));
            int sent = 0;
            for (Future<Integer> run : runs) {
                sent += run.get();
            }
            assertThat(sent).isEqualTo(entries);
        } finally {
            pool.shutdownNow();
        }
        List<MimeMessage> mails = received(before);
        assertThat(mails).hasSize(entries);
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : mails) {
            ids.add(m.getHeader("X-Hoshi-Reminder")[0]);
        }
        assertThat(ids).hasSize(entries);
        assertThat(db.getCollection("reminder_queue")
                        .countDocuments(new Document("_id", new Document("$regex", "^org-" + n))))
                .isZero();
    }

    @Test
    void anErasedPersonsRemindersNameThemNoMoreAndAQueuedOneIsNotSent() {
        Instant at = clock.instant();
        String person = "erased-owner-" + System.nanoTime();
        contact(person, person + "@example.jp", NotificationLanguage.JA, Set.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.of(person).isPresent());
        OutboxEntry sent = OutboxEntry.queued(
                "org-er-" + System.nanoTime(),
                "株式会社消去",
                person,
                Occasion.DUE_IN_7_DAYS,
                "BASIC_POLICY",
                LocalDate.parse("2031-06-30"),
                at);
        OutboxEntry queued = OutboxEntry.queued(
                sent.organizationId(),
                "株式会社消去",
                person,
                Occasion.REVIEW_OVERDUE,
                "BASIC_POLICY",
                LocalDate.parse("2031-06-30"),
                at);
        outbox.enqueue(sent);
        outbox.enqueue(queued);
        outbox.done(sent.id(), OutboxEntry.SENT, null, at);
        RawGrep grep = new RawGrep(mongo);
        assertThat(grep.hits(person))
                .anyMatch(hit -> hit.contains(".reminder_outbox#"))
                .anyMatch(hit -> hit.contains(".reminder_queue#"))
                .anyMatch(hit -> hit.contains(".reminder_contacts#"));

        PersonalDataVault.Erasure erased = vault.forget(UserId.of(person));
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(GenericEventMessage.asEventMessage(new PersonErasedEvent(
                        erased.ownerDigest(), erased.keyId().orElseThrow(), erased.erasedAs(), "依頼"))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(grep.hits(person))
                .as("no collection of any database keeps the erased person")
                .isEmpty());
        String erasedAs = erased.erasedAs();
        assertThat(outbox.find(OutboxEntry.idOf(
                        sent.organizationId(), erasedAs, sent.occasion(), sent.subject(), sent.date())))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(OutboxEntry.SENT))
                .satisfies(e -> assertThat(e.person()).isEqualTo(erasedAs));
        assertThat(outbox.find(OutboxEntry.idOf(
                        queued.organizationId(), erasedAs, queued.occasion(), queued.subject(), queued.date())))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(OutboxEntry.SKIPPED))
                .satisfies(e -> assertThat(e.detail()).isEqualTo("erased"));
        assertThat(outbox.find(queued.id())).isEmpty();
        assertThat(db.getCollection("reminder_queue")
                        .countDocuments(new Document("_id", new Document("$regex", "^" + sent.organizationId()))))
                .isZero();
    }

    @Test
    void anOutboxEntryReadsBackAsWrittenAndASecondWriterChangesNothing() {
        Instant at = Instant.parse("2031-07-01T01:02:03.456Z");
        OutboxEntry entry = OutboxEntry.queued(
                "org-rt-" + System.nanoTime(),
                "株式会社往復",
                "someone",
                Occasion.TWO_STARS_LAPSED,
                LapseReason.POLICY_WITHDRAWN.name(),
                LocalDate.parse("2031-06-30"),
                at);

        assertThat(outbox.enqueue(entry)).isTrue();
        assertThat(outbox.find(entry.id())).contains(entry);
        OutboxEntry again = OutboxEntry.queued(
                entry.organizationId(),
                "別名",
                "someone",
                entry.occasion(),
                entry.subject(),
                entry.date(),
                at.plusSeconds(60));
        assertThat(again.id()).isEqualTo(entry.id());
        assertThat(outbox.enqueue(again)).isFalse();
        assertThat(outbox.find(entry.id())).contains(entry);

        outbox.done(entry.id(), OutboxEntry.SENT, null, at.plusSeconds(5));
        assertThat(outbox.find(entry.id()))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(OutboxEntry.SENT))
                .satisfies(e -> assertThat(e.doneAt()).isEqualTo(at.plusSeconds(5)));
        assertThat(outbox.claim(entry.id(), "x", at.plusSeconds(10), Duration.ofMinutes(1)))
                .isEmpty();
    }

    // ---- playing directory and compliance: their events, as their aggregates publish them

    private void directory(String org, String name, String owner, Map<String, OrganizationRole> others) {
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user("operator")), () -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Organization",
                    org,
                    0,
                    new OrganizationRegisteredEvent(TenantId.of(org), name, null, null, UserId.of(owner))));
            long seq = 1;
            for (Map.Entry<String, OrganizationRole> other : others.entrySet()) {
                eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        seq++,
                        new OrganizationMemberAddedEvent(
                                TenantId.of(org), UserId.of(other.getKey()), other.getValue())));
            }
        });
    }

    private void contact(String person, String email, NotificationLanguage language, Set<NotificationKind> optOuts) {
        UserId id = UserId.of(person);
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user(person)),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "ContactPreferences",
                        new ContactPreferencesId(vault.pseudonym(ContactPreferencesId.USE, id)).toString(),
                        0,
                        new ContactPreferencesSetEvent(id, vault.encrypt(id, email), language, optOuts))));
    }

    private void status(String org, long seq, LocalDate due, boolean overdue, Standing standing, LocalDate lapsedOn) {
        status(org, seq, due, overdue, standing, lapsedOn, null);
    }

    private void status(
            String org,
            long seq,
            LocalDate due,
            boolean overdue,
            Standing standing,
            LocalDate lapsedOn,
            LocalDate policyDue) {
        List<ReviewDue> reviews = new ArrayList<>(List.of(new ReviewDue(ReviewKind.SELF_ASSESSMENT, due, overdue)));
        if (policyDue != null) {
            reviews.add(new ReviewDue(ReviewKind.BASIC_POLICY, policyDue, false));
        }
        SecurityActionStatus status = new SecurityActionStatus(
                SecurityActionLevel.TWO_STARS,
                "51234567890",
                LocalDate.parse("2030-04-01"),
                standing,
                lapsedOn == null ? null : LapseReason.ASSESSMENT_EXPIRED,
                lapsedOn,
                SecurityActionLevel.TWO_STARS,
                List.of(),
                List.of("A1", "A2", "A3", "A4", "A5"),
                null,
                new SecurityActionStatus.Policy(true, true, "https://example.jp/policy"),
                reviews,
                12);
        CurrentContext.runWith(
                RequestContext.forTenant(TenantId.of(org), Actor.SYSTEM),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "SecurityAction",
                        "security-action:" + org,
                        seq,
                        new SecurityActionStatusChangedEvent(TenantId.of(org), status, BusinessTime.today(clock)))));
    }

    private void awaitKnown(String org, int people, String... persons) {
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> queries.query(
                                        new FindOrganizationStatusQuery(TenantId.of(org)),
                                        ResponseTypes.optionalInstanceOf(OrganizationStatusView.class))
                                .join()
                                .map(v -> v.roles().size() == people)
                                .orElse(false)
                        && java.util.Arrays.stream(persons)
                                .allMatch(p -> contacts.of(p).isPresent()));
    }

    private static List<MimeMessage> received(int before) {
        MimeMessage[] all = SMTP.getReceivedMessages();
        List<MimeMessage> mine = new ArrayList<>();
        for (int i = before; i < all.length; i++) {
            mine.add(all[i]);
        }
        return mine;
    }

    private static MimeMessage to(List<MimeMessage> mails, String address) {
        return mails.stream()
                .filter(m -> recipients(m).contains(address))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    private static String recipients(MimeMessage m) {
        try {
            return String.join(",", m.getHeader("To"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bodyOf(MimeMessage m) {
        try {
            return (String) m.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.hoshi.insights.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.person.NotificationKind;
import dev.hoshi.directory.api.person.NotificationLanguage;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.digest.DigestEntry.Figures;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.outbox.MailOutbox;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.personal.RawGrep;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monthly digest end to end against a real SMTP server (GreenMail, in this JVM): directory's and compliance's
 * events in (recorded in May 2031), the clock moved to June 1st, one mail per analyst in their language with May's
 * figures as the rollup shows them, the withheld ones said to be withheld; once, whatever runs again.
 */
// its own context (a movable clock): closed after the class rather than kept to the end of the run
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
        properties = {
            "hoshi.insights.digest.schedule.initial-delay=PT1H",
            "hoshi.insights.digest.send.initial-delay=PT1H",
            "hoshi.insights.digest.batch-size=7",
            "hoshi.insights.digest.web-url=https://hoshi.example.jp/"
        })
class DigestMailIT {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    /** When the test's events are recorded: noon in Japan on 2031-05-20. */
    private static final Instant MAY = Instant.parse("2031-05-20T03:00:00Z");

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
            return new MutableClock(MAY);
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
    DigestSchedule schedule;

    @Autowired
    DigestSender sender;

    @Autowired
    DigestOutbox outbox;

    @Autowired
    DigestContacts contacts;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    @Autowired
    MongoClient mongo;

    private final String run = Long.toString(System.nanoTime());
    private final String support = "assoc-dg-" + run;
    private final String ja = "analyst-ja-" + run;
    private final String en = "analyst-en-" + run;
    private final String quiet = "analyst-off-" + run;
    private final String silent = "analyst-none-" + run;

    @Test
    void eachAnalystGetsMaysFiguresOnceInTheirLanguageWithheldFiguresSaidToBeWithheld() throws Exception {
        supportOrganization();
        contact(ja, ja + "@example.jp", NotificationLanguage.JA, Set.of());
        contact(en, en + "@example.com", NotificationLanguage.EN, Set.of(NotificationKind.REVIEW_DUE));
        contact(quiet, quiet + "@example.jp", NotificationLanguage.JA, Set.of(NotificationKind.MONTHLY_DIGEST));
        LocalDate on = LocalDate.parse("2031-05-10");
        // six consenting members: four show scores (too few for score and overdue figures), two only levels
        member(1, ConsentScope.LEVEL_AND_SCORES, Statuses.twoStarsDeclared(on).sheet(18, on));
        member(2, ConsentScope.LEVEL_AND_SCORES, Statuses.twoStarsDeclared(on).sheet(20, on));
        member(3, ConsentScope.LEVEL_AND_SCORES, Statuses.oneStarDeclared(on).sheet(10, on));
        member(4, ConsentScope.LEVEL_AND_SCORES, Statuses.nothingYet().sheet(12, on));
        member(5, ConsentScope.LEVEL_ONLY, Statuses.twoStarsDeclared(on).sheet(22, on));
        member(6, ConsentScope.LEVEL_ONLY, Statuses.oneStarEligible());
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> membersCounted() == 6
                        && levelCounted("ONE_STAR_ELIGIBLE") == 1 // the last member's status, not only its grant
                        && contacts.of(quiet).isPresent()
                        && contacts.of(en).isPresent()
                        && contacts.of(ja).isPresent());

        int before = SMTP.getReceivedMessages().length;
        clock.set(Instant.parse("2031-06-01T00:30:00Z")); // 09:30 in Japan on June 1st
        assertThat(schedule.run()).isEqualTo(4);
        assertThat(sender.sendQueued()).isEqualTo(2);

        List<MimeMessage> mails = received(before);
        assertThat(mails).hasSize(2);
        MimeMessage toJa = to(mails, ja + "@example.jp");
        assertThat(toJa.getSubject()).isEqualTo("【Hoshi】" + support + "：会員の月次まとめ（2031年5月）");
        assertThat(bodyOf(toJa))
                .contains("2031年5月末時点で")
                .contains("許可している会員数: 6")
                .contains("★★ 宣言済み: 3")
                .contains("★ 宣言済み: 1")
                .contains("見直し期限を過ぎた会員: 非表示（開示基準の人数に満たない）")
                .contains("自社診断の点数: 非表示（開示基準の人数に満たない）")
                .contains("https://hoshi.example.jp/app/association/" + support)
                .contains("MONTHLY_DIGEST");
        MimeMessage toEn = to(mails, en + "@example.com");
        assertThat(toEn.getSubject()).isEqualTo("[Hoshi] " + support + ": your members' monthly digest (May 2031)");
        assertThat(bodyOf(toEn))
                .contains("Consenting members: 6")
                .contains("★★ declared: 3")
                .contains("Members with a review overdue: withheld (fewer members than the disclosure threshold)")
                .contains("Self-assessment scores: withheld (fewer members than the disclosure threshold)")
                .contains("https://hoshi.example.jp/app/association/" + support);
        assertThat(mails.get(0).getHeader("X-Hoshi-Digest")[0]).startsWith("digest|" + support + "|");

        // the figures are the rollup's own, as of May's end: the same query, the same disclosure rules
        Figures may = outbox.find(DigestEntry.idOf(support, ja, YearMonth.of(2031, 5)))
                .orElseThrow()
                .figures();
        assertThat(may).isEqualTo(Figures.of(rollup(LocalDate.parse("2031-05-31"))));
        assertThat(may.scoresWithheld()).isEqualTo(SuppressionReason.SMALL_GROUP);
        assertThat(may.scoreMean()).isNull();
        assertThat(may.reviewsOverdue()).isNull();

        assertThat(outbox.find(DigestEntry.idOf(support, quiet, YearMonth.of(2031, 5))))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(MailOutbox.SKIPPED))
                .satisfies(e -> assertThat(e.detail()).isEqualTo("turned off: MONTHLY_DIGEST"));
        assertThat(outbox.find(DigestEntry.idOf(support, silent, YearMonth.of(2031, 5))))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(MailOutbox.SKIPPED))
                .satisfies(e -> assertThat(e.detail()).isEqualTo("no address"));

        // once: running again, later that day, after a lost progress note, or on a second sender sends nothing more
        clock.advance(Duration.ofHours(5));
        assertThat(schedule.run()).isZero();
        db.getCollection("digest_state").deleteOne(new Document("_id", "progress"));
        assertThat(schedule.run()).isZero();
        assertThat(sender.sendQueued()).isZero();
        assertThat(received(before)).hasSize(2);
    }

    @Test
    void digestEntriesReadBackAsWrittenPastAPageAndASecondWriterChangesNothing() {
        Instant at = Instant.parse("2031-07-01T01:02:03.456Z");
        String owner = "assoc-rt-" + System.nanoTime();
        int entries = 150; // more than a cursor's first batch (101)
        List<DigestEntry> written = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            Figures figures = i % 2 == 0
                    ? new Figures(
                            (long) i, null, List.of(1L, 2L, 3L, 4L, (long) i), 1L, 0L, null, 2L, null, 61.5 + i, 64.0)
                    : new Figures(
                            null,
                            SuppressionReason.SMALL_GROUP,
                            null,
                            null,
                            null,
                            SuppressionReason.SMALL_COMPLEMENT,
                            null,
                            SuppressionReason.SMALL_CHANGE,
                            null,
                            null);
            DigestEntry entry = DigestEntry.queued(owner, "analyst-" + i, YearMonth.of(2031, 6), figures, at);
            assertThat(outbox.enqueue(entry)).isTrue();
            written.add(entry);
        }
        for (DigestEntry entry : written) {
            assertThat(outbox.find(entry.id())).contains(entry);
        }
        DigestEntry first = written.get(0);
        assertThat(outbox.enqueue(DigestEntry.queued(
                        owner, first.analyst(), first.month(), written.get(1).figures(), at.plusSeconds(60))))
                .isFalse();
        assertThat(outbox.find(first.id())).contains(first);

        AtomicInteger handled = new AtomicInteger();
        outbox.records().drain(7, clock, "test", Duration.ofMinutes(1), entry -> {
            handled.incrementAndGet();
            outbox.done(entry.getString("_id"), MailOutbox.SKIPPED, "test", at);
            return false;
        });
        assertThat(handled.get()).isGreaterThanOrEqualTo(entries);
        for (DigestEntry entry : written) {
            assertThat(outbox.find(entry.id())).get().satisfies(e -> assertThat(e.status())
                    .isEqualTo(MailOutbox.SKIPPED));
        }
        assertThat(db.getCollection("digest_queue")
                        .countDocuments(new Document("_id", new Document("$regex", "^digest\\|" + owner))))
                .isZero();
    }

    @Test
    void anErasedAnalystLeavesNoPlaintextInInsightsAndTheirQueuedDigestIsNotSent() {
        String person = "analyst-erased-" + run;
        String own = "assoc-er-" + run;
        String member = "member-er-" + run;
        publish(
                null,
                new SupportOrganizationRegisteredEvent(
                        SupportOrganizationId.of(own),
                        "工業会 " + own,
                        null,
                        SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                        UserId.of(person)));
        publish(member, new OrganizationRegisteredEvent(TenantId.of(member), "株式会社E", null, null, UserId.of(person)));
        contact(person, person + "@example.jp", NotificationLanguage.JA, Set.of());
        YearMonth month = YearMonth.of(2031, 4);
        Figures none = new Figures(null, SuppressionReason.SMALL_GROUP, null, null, null, null, null, null, null, null);
        outbox.enqueue(DigestEntry.queued(own, person, month, none, MAY));
        RawGrep grep = new RawGrep(mongo);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(grep.hits(person))
                .as("read models that copy the user id in clear, looked up by it")
                .anyMatch(hit -> hit.contains(".insights_support_analysts#"))
                .anyMatch(hit -> hit.contains(".insights_member_state#"))
                .anyMatch(hit -> hit.contains(".digest_contacts#"))
                .anyMatch(hit -> hit.contains(".digest_outbox#"))
                .anyMatch(hit -> hit.contains(".digest_queue#")));

        PersonalDataVault.Erasure erased = vault.forget(UserId.of(person));
        publish(
                null,
                new PersonErasedEvent(erased.ownerDigest(), erased.keyId().orElseThrow(), erased.erasedAs(), "依頼 #7"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(grep.hits(person))
                .as("no collection of any database keeps the erased analyst")
                .isEmpty());
        assertThat(outbox.find(DigestEntry.idOf(own, erased.erasedAs(), month)))
                .get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(MailOutbox.SKIPPED))
                .satisfies(e -> assertThat(e.detail()).isEqualTo("erased"));
        assertThat(db.getCollection("insights_support_analysts")
                        .find(new Document("_id", erased.erasedAs()))
                        .first())
                .isNotNull();
        assertThat(db.getCollection("insights_member_state")
                        .find(new Document("_id", member))
                        .first()
                        .getList("people", String.class))
                .containsExactly(erased.erasedAs());
        assertThat(sender.sendQueued()).isZero();
    }

    // ---- playing directory and compliance: their events, recorded in May 2031

    private void supportOrganization() {
        publish(
                null,
                new SupportOrganizationRegisteredEvent(
                        SupportOrganizationId.of(support),
                        "工業会 " + support,
                        null,
                        SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                        UserId.of(ja)));
        for (String analyst : List.of(en, quiet, silent)) {
            publish(
                    null,
                    new SupportOrganizationAnalystAddedEvent(SupportOrganizationId.of(support), UserId.of(analyst)));
        }
    }

    private void member(int n, ConsentScope scope, Statuses.Builder status) {
        String member = "member-dg-" + n + "-" + run;
        publish(
                member,
                new OrganizationRegisteredEvent(TenantId.of(member), "株式会社" + n, null, null, UserId.of("o-" + member)));
        publish(
                member,
                new ConsentGrantedEvent(
                        ConsentGrantId.random(),
                        TenantId.of(member),
                        Grantee.supportOrganization(SupportOrganizationId.of(support)),
                        scope,
                        LocalDate.parse("2031-05-01"),
                        null));
        publish(member, status.event(member, LocalDate.parse("2031-05-10")));
    }

    private void contact(String person, String email, NotificationLanguage language, Set<NotificationKind> optOuts) {
        UserId id = UserId.of(person);
        publish(null, new ContactPreferencesSetEvent(id, vault.encrypt(id, email), language, optOuts));
    }

    private void publish(String tenant, Object event) {
        RequestContext context = tenant == null
                ? RequestContext.withoutTenant(Actor.user("operator"))
                : RequestContext.forTenant(TenantId.of(tenant), Actor.user("o-" + tenant));
        CurrentContext.runWith(
                context,
                () -> eventStore.publish(
                        new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), MAY)));
    }

    /**
     * The rollup's member count as the projection keeps it, read past the query: a figure the query showed while the
     * members were still arriving would change what the digest may show (disclosure control's change rule).
     */
    private long levelCounted(String bucket) {
        Document rollup = db.getCollection("insights_rollups")
                .find(new Document("_id", support + "|*|*|*"))
                .first();
        Object level = rollup == null ? null : rollup.get("level");
        Object count = level instanceof Document levels ? levels.get(bucket) : null;
        return count instanceof Number n ? n.longValue() : 0;
    }

    private long membersCounted() {
        Document rollup = db.getCollection("insights_rollups")
                .find(new Document("_id", support + "|*|*|*"))
                .first();
        return rollup == null || rollup.get("members") == null ? 0 : ((Number) rollup.get("members")).longValue();
    }

    private SupportOrganizationRollupView rollup(LocalDate asOf) {
        return queries.query(
                        new FindSupportOrganizationRollupQuery(
                                SupportOrganizationId.of(support), UserId.of(ja), asOf, RollupFilter.NONE),
                        ResponseTypes.optionalInstanceOf(SupportOrganizationRollupView.class))
                .join()
                .orElseThrow();
    }

    private static List<MimeMessage> received(int before) {
        MimeMessage[] all = SMTP.getReceivedMessages();
        return new ArrayList<>(List.of(all).subList(before, all.length));
    }

    private static MimeMessage to(List<MimeMessage> mails, String address) {
        return mails.stream()
                .filter(m -> {
                    try {
                        return String.join(",", m.getHeader("To")).contains(address);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    private static String bodyOf(MimeMessage m) throws Exception {
        return (String) m.getContent();
    }
}

package dev.hoshi.compliance.securityaction.process;

import static dev.hoshi.compliance.ComplianceTestSupport.as;
import static dev.hoshi.compliance.ComplianceTestSupport.sheet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.compliance.ComplianceTestSupport;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The daily check, driven by hand: lapses an expired ★★'s standing, marks overdue reviews, once, under a lease; and
 * the one-off upgrade that publishes the status of records written before statuses were published.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.compliance.due-check.initial-delay=PT1H",
            "hoshi.compliance.status-backfill.initial-delay=PT1H"
        })
class DueDateCheckIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    DueDateCheck check;

    @Autowired
    StatusBackfill backfill;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    private final LocalDate today = BusinessTime.today(Clock.systemUTC());

    @Test
    void anExpiredAssessmentLapsesTwoStarsAndOverdueReviewsAreMarkedOnce() {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "期限切れ工業", "demo-owner");
        HttpGraphQlTester owner = as(port, "demo-owner", org);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "{ organizationStatus { level } }")
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
        run(
                owner,
                "commitToFiveArticles(input: {articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \""
                        + today.minusDays(420) + "\"})");
        owner.document(
                        "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) { errors { code } } }")
                .variable(
                        "input",
                        Map.of(
                                "answers",
                                        sheet("DONE").entrySet().stream()
                                                .map(e -> Map.of("item", e.getKey(), "answer", e.getValue()))
                                                .toList(),
                                "completedOn", today.minusDays(400).toString()))
                .execute()
                .path("submitSelfAssessment.errors")
                .entityList(Object.class)
                .hasSize(0);
        run(owner, "adoptBasicPolicy(input: {effectiveOn: \"" + today.minusDays(395) + "\"})");
        run(
                owner,
                "publishBasicPolicy(input: {publicUrl: \"https://example.jp/p\", effectiveOn: \"" + today.minusDays(394)
                        + "\"})");
        run(
                owner,
                "recordDeclaration(input: {level: TWO_STARS, declarationId: \"51234567890\", effectiveOn: \""
                        + today.minusDays(390) + "\"})");
        // the dashboard projection files the organisation under its due dates
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.getCollection("due_checks").countDocuments(new Document("tenants", org)) > 0);

        int checked = check.runIfLeaseTaken();

        assertThat(checked).isPositive();
        // the dashboard document follows the new events a moment later
        // the declaration stands (IPA's has no expiry); Hoshi's standing lapses with the expired assessment
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "{ organizationStatus { level standing lapseReason lapsedOn reviews { kind overdue } } }")
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS")
                .path("organizationStatus.standing")
                .entity(String.class)
                .isEqualTo("PREREQUISITES_LAPSED")
                .path("organizationStatus.lapseReason")
                .entity(String.class)
                .isEqualTo("ASSESSMENT_EXPIRED")
                .path("organizationStatus.lapsedOn")
                .entity(String.class)
                .isEqualTo(today.minusDays(400).plusMonths(12).plusDays(1).toString())
                .path("organizationStatus.reviews[*].overdue")
                .entityList(Boolean.class)
                .satisfies(overdue -> assertThat(overdue).isNotEmpty().containsOnly(true)));
        List<String> events = events(owner);
        assertThat(events)
                .containsSubsequence(
                        // recorded 390 days ago on a sheet of 400 days ago: lapsed as soon as it was recorded today
                        "DeclarationRecordedEvent",
                        "SecurityActionStatusChangedEvent",
                        "ReviewOverdueEvent",
                        "ReviewOverdueEvent");

        // a second run, or a replica racing it, changes nothing
        db.getCollection("due_checks_state").deleteOne(new Document("_id", "progress"));
        check.runIfLeaseTaken();
        assertThat(events(owner)).hasSameSizeAs(events);
    }

    @Test
    void aRecordWrittenBeforeStatusesWerePublishedGetsItsStatusOnceAfterTheUpgrade() {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "旧版の会社", "demo-old");
        String aggregate = SecurityActionId.of(TenantId.of(org)).toString();
        // what an earlier version stored: facts, no status event
        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(org), Actor.user("demo-old")), () -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "SecurityAction",
                    aggregate,
                    0,
                    new FiveArticlesCommittedEvent(
                            TenantId.of(org), List.of("A1", "A2", "A3", "A4", "A5"), "3.1", today.minusDays(30))));
            eventStore.publish(new GenericDomainEventMessage<>(
                    "SecurityAction",
                    aggregate,
                    1,
                    new DeclarationRecordedEvent(
                            TenantId.of(org),
                            SecurityActionLevel.ONE_STAR,
                            "51234567890",
                            "CURRENT",
                            today.minusDays(20))));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            db.getCollection("due_checks_state").deleteOne(new Document("_id", StatusBackfill.MARKER));
            return backfill.runOnce() > 0 && statuses(aggregate).size() == 1;
        });

        SecurityActionStatus published = statuses(aggregate).get(0);
        assertThat(published.declaredLevel()).isEqualTo(SecurityActionLevel.ONE_STAR);
        assertThat(published.standing()).isEqualTo(Standing.GOOD);
        assertThat(published.eligibleLevel()).isEqualTo(SecurityActionLevel.ONE_STAR);
        HttpGraphQlTester owner = as(port, "demo-old", org);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "{ organizationStatus { level standing } }")
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("ONE_STAR")
                .path("organizationStatus.standing")
                .entity(String.class)
                .isEqualTo("GOOD"));

        // done once: a later run, or one after the marker is gone, publishes nothing new
        assertThat(backfill.runOnce()).isZero();
        db.getCollection("due_checks_state").deleteOne(new Document("_id", StatusBackfill.MARKER));
        backfill.runOnce();
        assertThat(statuses(aggregate)).hasSize(1);
    }

    private List<SecurityActionStatus> statuses(String aggregate) {
        List<SecurityActionStatus> found = new java.util.ArrayList<>();
        eventStore.readEvents(aggregate, 0).forEachRemaining(m -> {
            if (m.getPayload() instanceof SecurityActionStatusChangedEvent e) {
                found.add(e.status());
            }
        });
        return found;
    }

    @Test
    void whileAnotherReplicaHoldsTheLeaseNothingRuns() {
        db.getCollection("due_checks_state")
                .updateOne(
                        new Document("_id", "lease"),
                        new Document(
                                "$set",
                                new Document("until", Date.from(Instant.now().plusSeconds(600)))
                                        .append("owner", "other")),
                        new UpdateOptions().upsert(true));
        try {
            assertThat(check.runIfLeaseTaken()).isZero();
        } finally {
            db.getCollection("due_checks_state").deleteOne(new Document("_id", "lease"));
        }
    }

    private static void run(HttpGraphQlTester owner, String mutation) {
        owner.document("mutation { " + mutation + " { errors { code message } } }")
                .execute()
                .path(mutation.substring(0, mutation.indexOf('(')) + ".errors")
                .entityList(Object.class)
                .hasSize(0);
    }

    private static List<String> events(HttpGraphQlTester owner) {
        return owner.document("{ timeline { event } }")
                .execute()
                .path("timeline[*].event")
                .entityList(String.class)
                .get();
    }
}

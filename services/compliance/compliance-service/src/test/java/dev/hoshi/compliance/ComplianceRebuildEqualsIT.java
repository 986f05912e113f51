package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.UpdateControlStatusCommand;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.AdoptBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.PublishBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.RecordDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.WithdrawBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.axon.ReadModels;
import dev.hoshi.testsupport.axon.RebuildEquals;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every projection of compliance, rebuilt on the running service by the operators' {@code rebuildProjection}, leaves
 * the read model it built live; and the mutation refuses anyone but an operator and names it cannot resolve, changing
 * nothing.
 *
 * <p>The stream: directory's events for 8 organisations (people, support organisations with analysts added and
 * removed, grants given, widened and revoked) and compliance's own commands for each (the 5 articles, self-assessment
 * sheets, a basic policy adopted, published and for some withdrawn, a declaration, control statuses), one organisation
 * with 60 sheets (past the SECURITY ACTION snapshot threshold of 50) and one with 120 control updates (past the
 * control plan's 100), and 150 disclosures through insights: several hundred events, more than a processor batch of
 * 100. The scheduled daily check and status backfill are held off, so the stream is only what the test stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceRebuildEqualsIT {

    private static final int ORGANIZATIONS = 8;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        // as in production: several segments replay at once, each at its own pace
        registry.add("hoshi.processing.initial-segment-count", () -> "4");
        registry.add("hoshi.compliance.due-check.initial-delay", () -> "PT1H");
        registry.add("hoshi.compliance.status-backfill.initial-delay", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    private final LocalDate today = BusinessTime.today(Clock.systemUTC());
    private final String run = Long.toString(System.nanoTime());
    private RebuildEquals check;
    private ReadModels.Contents live;
    private long events;

    @BeforeAll
    void storeAStreamAndProjectItLive() {
        List<String> controls = Catalog.load().current().controlChapters().stream()
                .flatMap(chapter -> chapter.controls().stream())
                .map(Edition.Control::id)
                .toList();
        SupportOrganizationId support = SupportOrganizationId.of("rebuild-s-" + run);
        platform(
                support.toString(),
                0,
                new SupportOrganizationRegisteredEvent(
                        support, "再構築工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, analyst(0)));
        platform(support.toString(), 1, new SupportOrganizationAnalystAddedEvent(support, analyst(1)));
        platform(support.toString(), 2, new SupportOrganizationAnalystAddedEvent(support, analyst(2)));
        platform(support.toString(), 3, new SupportOrganizationAnalystRemovedEvent(support, analyst(1)));

        for (int i = 0; i < ORGANIZATIONS; i++) {
            String org = "rebuild-" + i + "-" + run;
            String owner = "owner-" + i + "-" + run;
            ComplianceTestSupport.directoryRegisters(eventStore, org, "株式会社再構築" + i, owner);
            long seq = 1;
            organization(
                    org,
                    owner,
                    seq++,
                    new OrganizationMemberAddedEvent(
                            TenantId.of(org), UserId.of("viewer-" + i + "-" + run), OrganizationRole.VIEWER));
            Grantee grantee = Grantee.supportOrganization(support);
            ConsentGrantId grant = ConsentGrantId.random();
            organization(
                    org,
                    owner,
                    seq++,
                    new ConsentGrantedEvent(grant, TenantId.of(org), grantee, ConsentScope.LEVEL_ONLY, today, null));
            if (i % 2 == 0) {
                organization(
                        org,
                        owner,
                        seq++,
                        new ConsentScopeChangedEvent(
                                grant,
                                TenantId.of(org),
                                grantee,
                                ConsentScope.LEVEL_ONLY,
                                ConsentScope.FULL_DETAIL,
                                today,
                                null));
            }
            if (i % 4 == 3) {
                organization(
                        org,
                        owner,
                        seq,
                        new ConsentRevokedEvent(
                                grant, TenantId.of(org), grantee, ConsentScope.LEVEL_ONLY, today, null, today));
            }
            compliance(org, owner, i, i == 0 ? 60 : 3 + i, i == 1 ? 120 : 2 * i, controls);
        }
        for (int d = 0; d < 150; d++) {
            String org = "rebuild-" + (d % ORGANIZATIONS) + "-" + run;
            CurrentContext.runWith(
                    RequestContext.withoutTenant(Actor.user(analyst(0).toString())),
                    () -> eventStore.publish(GenericEventMessage.asEventMessage(new MemberDataDisclosedEvent(
                            TenantId.of(org), "USER:" + analyst(0), "LEVEL_ONLY", "MEMBER_LIST"))));
        }

        check = RebuildEquals.of(port, processing, eventStore, db)
                .skipping(
                        "compliance_layout",
                        "due_checks_state",
                        "compliance_access_log_state",
                        // the reminders' record and calendar progress: written by the clock, never rebuilt
                        "reminder_state",
                        "reminder_outbox",
                        "reminder_queue");
        live = check.caughtUp();
        events = eventStore.createHeadToken().position().orElse(-1) + 1;
    }

    @Test
    void everyProjectionRebuiltFromTheStoreEqualsTheReadModelBuiltLive() {
        assertThat(events).isGreaterThan(300);
        assertThat(live.collections().get("compliance_dashboard")).hasSize(ORGANIZATIONS);
        assertThat(check.projections())
                .contains("compliance-grants", "compliance-organizations")
                .anyMatch(name -> name.startsWith("compliance-dashboard"))
                // a record, not rebuilt (docs/compliance.md)
                .doesNotContain("compliance-access-log");

        check.assertEveryRebuildEquals(live, 4, events);
    }

    @Test
    void aProjectionIsNamedByItsProcessingGroupWithOrWithoutItsLayoutVersion() {
        String dashboard = dashboard();
        String unversioned = dashboard.replaceFirst("-v\\d+$", "");

        JsonNode payload = check.rebuildAsOperator(unversioned);

        assertThat(payload.path("errors")).isEmpty();
        assertThat(payload.path("projection").path("processingGroup").asText()).isEqualTo(dashboard);
        assertThat(payload.path("projection").path("segments").asInt()).isPositive();
        assertThat(check.caughtUp().hashes()).isEqualTo(live.hashes());
    }

    @Test
    void anUnknownNameIsAPayloadErrorListingTheProjectionsAndChangesNothing() {
        JsonNode payload = check.rebuildAsOperator("compliance-dashbord");

        assertThat(payload.path("projection").isNull()).isTrue();
        JsonNode error = payload.path("errors").path(0);
        assertThat(error.path("code").asText()).isEqualTo("UNKNOWN_PROJECTION");
        assertThat(error.path("message").asText())
                .contains("compliance-dashbord")
                .contains(check.projections().toArray(String[]::new));
        assertThat(error.path("messageJa").asText()).contains("プロジェクション");
        assertThat(check.caughtUp().hashes()).isEqualTo(live.hashes());
    }

    @Test
    void theAccessLogIsARecordThatIsNeverRebuilt() {
        JsonNode payload = check.rebuildAsOperator("compliance-access-log");

        assertThat(payload.path("errors").path(0).path("code").asText()).isEqualTo("PROJECTION_NOT_REBUILDABLE");
        assertThat(check.caughtUp().hashes()).isEqualTo(live.hashes());
    }

    @Test
    void onlyOperatorsMayRebuild() {
        String dashboard = dashboard();
        ComplianceTestSupport.as(port, "owner-0-" + run, "rebuild-0-" + run)
                .document("mutation($n: String!) { rebuildProjection(name: $n) { projection { processingGroup } } }")
                .variable("n", dashboard)
                .execute()
                .errors()
                .expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
                .verify();

        assertThat(check.caughtUp().hashes()).isEqualTo(live.hashes());
    }

    /** The dashboard's processing group, whatever its layout version. */
    private String dashboard() {
        return check.projections().stream()
                .filter(name -> name.startsWith("compliance-dashboard"))
                .findFirst()
                .orElseThrow();
    }

    /** One organisation's own commands, as its owner. */
    private void compliance(String org, String owner, int i, int sheets, int controlUpdates, List<String> controls) {
        TenantId tenant = TenantId.of(org);
        SecurityActionId id = SecurityActionId.of(tenant);
        CurrentContext.runWith(RequestContext.forTenant(tenant, Actor.user(owner)), () -> {
            commands.sendAndWait(new CommitToFiveArticlesCommand(id, Set.of("A1", "A2", "A3"), today.minusDays(300)));
            commands.sendAndWait(new CommitToFiveArticlesCommand(id, Set.of("A4", "A5"), today.minusDays(290)));
            for (int s = 0; s < sheets; s++) {
                commands.sendAndWait(new SubmitSelfAssessmentCommand(
                        id,
                        AssessmentId.random(),
                        null,
                        null,
                        ComplianceTestSupport.sheet(s % 3 == 0 ? "PARTLY" : s % 3 == 1 ? "DONE" : "NOT_DONE"),
                        today.minusDays(280 - s * 4L),
                        null));
            }
            commands.sendAndWait(new AdoptBasicPolicyCommand(id, today.minusDays(100)));
            commands.sendAndWait(
                    new PublishBasicPolicyCommand(id, "https://example.com/" + org + "/policy", today.minusDays(90)));
            commands.sendAndWait(new RecordDeclarationCommand(
                    id, SecurityActionLevel.ONE_STAR, "5" + String.format("%010d", i), today.minusDays(80)));
            if (i % 3 == 2) {
                commands.sendAndWait(new WithdrawBasicPolicyCommand(id, "見直し中", today.minusDays(10)));
            }
            ControlStatus[] statuses = {ControlStatus.PLANNED, ControlStatus.IN_PROGRESS, ControlStatus.IMPLEMENTED};
            List<Object> updates = new ArrayList<>();
            for (int c = 0; c < controlUpdates; c++) {
                updates.add(new UpdateControlStatusCommand(
                        ControlPlanId.of(tenant),
                        controls.get(c % controls.size()),
                        statuses[c % statuses.length],
                        UserId.of(owner),
                        null,
                        c % 5 == 0 ? "https://example.com/evidence/" + c : null,
                        null,
                        null,
                        today.minusDays(controlUpdates - c)));
            }
            updates.forEach(commands::sendAndWait);
        });
    }

    private UserId analyst(int n) {
        return UserId.of("rebuild-analyst-" + n + "-" + run);
    }

    private void platform(String aggregateId, long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(
                        new GenericDomainEventMessage<>("SupportOrganization", aggregateId, seq, event)));
    }

    private void organization(String org, String owner, long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.forTenant(TenantId.of(org), Actor.user(owner)),
                () -> eventStore.publish(new GenericDomainEventMessage<>("Organization", org, seq, event)));
    }
}

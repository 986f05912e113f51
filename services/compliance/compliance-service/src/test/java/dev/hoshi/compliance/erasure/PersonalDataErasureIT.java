package dev.hoshi.compliance.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.compliance.ComplianceTestSupport;
import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.control.UpdateControlStatusCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.CompleteIncidentPhaseCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RecordIncidentCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.SetIncidentContactCommand;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactSetEvent;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementCommands.ConfirmKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskCommands.AssessRiskCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RecordAssetCommand;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.AdoptBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CompleteReviewCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.directory.api.person.ErasureEvents.OrganizationDataErasedEvent;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.platform.axon.ProjectionRebuilds;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.axon.SnapshotCheck;
import dev.hoshi.testsupport.axon.StoredSnapshots;
import dev.hoshi.testsupport.personal.RawGrep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Erasure by crypto-shredding, end to end in compliance (docs/eventstore.md, "Personal data in events"): a person
 * owns an organisation and acts in every part of it (controls with evidence, the management checklist, reviews past
 * the security action's snapshot threshold, incident contacts and reports, the risk register) and is shown in an
 * access log; before the erasure no collection of any database holds their texts in clear (only the people lists
 * that copy user ids hold their id), while decrypting reads show them; after the person's and the organisation's
 * erasure, no collection of any database on the server holds any of their plaintext, reads show the fields as
 * erased, a projection rebuilds from the events without failing, and a snapshot taken past the threshold after the
 * erasure loads to the state the events make.
 */
@SpringBootTest(
        properties = {
            "hoshi.compliance.due-check.initial-delay=PT1H",
            "hoshi.compliance.status-backfill.initial-delay=PT1H"
        })
class PersonalDataErasureIT {

    /** As {@code ComplianceConfiguration} sets it. */
    private static final int SECURITY_ACTION_THRESHOLD = 50;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoClient mongo;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    ProjectionRebuilds rebuilds;

    @Autowired
    ApplicationContext context;

    private final String run = Long.toString(System.nanoTime());
    private final String person = "erase-hanako-" + run;

    /** Everything the person or their organisation wrote that is theirs: none may be left anywhere in clear. */
    private final List<String> plaintexts = List.of(
            person,
            "証跡メモ-" + run,
            "対象外の理由-" + run,
            "方針を掲示した-" + run,
            "見直しメモ-" + run,
            "連絡先 山田花子-" + run,
            "hanako-" + run + "@example.jp",
            "03-" + run.substring(run.length() - 8),
            "委託先の連絡メモ-" + run,
            "ランサムウェア感染-" + run,
            "初動報告-" + run,
            "総務部 山田-" + run,
            "リスクメモ-" + run);

    @Test
    void afterErasureNoCollectionOfAnyDatabaseHoldsThePersonsOrTheOrganisationsPlaintext() throws Exception {
        TenantId org = TenantId.of(ComplianceTestSupport.directoryRegisters(eventStore, "削除テスト社", person));
        SecurityActionId securityAction = SecurityActionId.of(org);
        ControlPlanId controls = ControlPlanId.of(org);
        actAs(person, org, () -> {
            commands.sendAndWait(new UpdateControlStatusCommand(
                    controls,
                    "C01-01",
                    ControlStatus.IMPLEMENTED,
                    UserId.of(person),
                    null,
                    "https://intra.example.jp/evidence/" + run,
                    "証跡メモ-" + run,
                    null,
                    null));
            commands.sendAndWait(new UpdateControlStatusCommand(
                    controls,
                    "C01-02",
                    ControlStatus.NOT_APPLICABLE,
                    UserId.of(person),
                    null,
                    null,
                    null,
                    "対象外の理由-" + run,
                    null));
            commands.sendAndWait(
                    new ConfirmKeyActionCommand(ManagementChecklistId.of(org), "K1", person, "方針を掲示した-" + run, null));
            commands.sendAndWait(
                    new CommitToFiveArticlesCommand(securityAction, Set.of("A1", "A2", "A3", "A4", "A5"), null));
            commands.sendAndWait(new AdoptBasicPolicyCommand(securityAction, null));
            for (int i = 0; i < SECURITY_ACTION_THRESHOLD + 5; i++) {
                commands.sendAndWait(
                        new CompleteReviewCommand(securityAction, ReviewKind.BASIC_POLICY, "見直しメモ-" + run, null));
            }
            IncidentPlaybookId playbook = IncidentPlaybookId.of(org);
            commands.sendAndWait(new SetIncidentContactCommand(
                    playbook,
                    "c1",
                    "PARTNER",
                    "連絡先 山田花子-" + run,
                    "03-" + run.substring(run.length() - 8),
                    "hanako-" + run + "@example.jp",
                    "委託先の連絡メモ-" + run));
            commands.sendAndWait(new RecordIncidentCommand(playbook, "i1", "ランサムウェア感染-" + run, true, null));
            commands.sendAndWait(new CompleteIncidentPhaseCommand(playbook, "i1", "初動報告-" + run, null));
            RiskRegisterId risks = RiskRegisterId.of(org);
            commands.sendAndWait(new RecordAssetCommand(
                    risks,
                    "a1",
                    new Asset(null, "顧客台帳", "総務部 山田-" + run, "総務部 山田-" + run, null, null, null, 3, 2, 1),
                    null));
            commands.sendAndWait(
                    new AssessRiskCommand(risks, "a1", 2, 2, "REDUCE", List.of("C04-01"), "リスクメモ-" + run, null));
            return null;
        });
        // insights showed the organisation's data to the person (as an analyst): compliance keeps an access log
        actAs(person, org, () -> {
            eventStore.publish(GenericEventMessage.asEventMessage(
                    new MemberDataDisclosedEvent(org, "USER:" + person, "SUMMARY", "MEMBER_LIST")));
            return null;
        });
        long snapshotBefore =
                StoredSnapshots.of(context).require(securityAction.toString()).sequenceNumber();
        assertThat(snapshotBefore).isGreaterThanOrEqualTo(SECURITY_ACTION_THRESHOLD - 1L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(people(org)).contains(person);
            assertThat(db.getCollection("access_log").countDocuments(new Document("organization", org.toString())))
                    .isEqualTo(1);
        });

        RawGrep grep = new RawGrep(mongo);
        assertThat(grep.documents()).isGreaterThan(SECURITY_ACTION_THRESHOLD);
        for (String text : plaintexts.subList(1, plaintexts.size())) {
            assertThat(grep.hits(text))
                    .as("stored in clear before erasure: %s", text)
                    .isEmpty();
        }
        assertThat(grep.hits(person))
                .as("before erasure only the people list that copies user ids holds the person's id")
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit).matches(".*\\.organizations#" + org));
        // ... while decrypting reads show every value
        ControlStatusUpdatedEvent evidence = payload(controls.toString(), ControlStatusUpdatedEvent.class);
        assertThat(evidence.evidenceNote()).isEqualTo("証跡メモ-" + run);
        assertThat(evidence.owner()).isEqualTo(UserId.of(person));
        assertThat(payload(IncidentPlaybookId.of(org).toString(), IncidentContactSetEvent.class)
                        .email())
                .isEqualTo("hanako-" + run + "@example.jp");

        // directory's erasePerson and eraseOrganizationData, as directory does them
        PersonalDataVault.Erasure erasure = vault.forget(UserId.of(person));
        PersonalDataVault.Erasure closing = vault.erase(Owner.organization(org));
        assertThat(erasure.keyId()).isPresent();
        assertThat(closing.keyId()).isPresent();
        actAs("operator-" + run, null, () -> {
            eventStore.publish(GenericEventMessage.asEventMessage(new PersonErasedEvent(
                    erasure.ownerDigest(), erasure.keyId().orElseThrow(), erasure.erasedAs(), "依頼 #1")));
            eventStore.publish(GenericEventMessage.asEventMessage(
                    new OrganizationDataErasedEvent(org, closing.keyId().orElseThrow(), "閉鎖")));
            return null;
        });

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(people(org)).containsExactly(erasure.erasedAs()));
        assertNoPlaintextAnywhere(grep);

        // reads show the fields as erased, never an error
        ControlStatusUpdatedEvent erased = payload(controls.toString(), ControlStatusUpdatedEvent.class);
        assertThat(erased.owner()).isEqualTo(UserId.of(erasure.erasedAs()));
        assertThat(erased.evidenceNote()).isEqualTo(Personal.ERASED);
        KeyActionConfirmedEvent confirmed =
                payload(ManagementChecklistId.of(org).toString(), KeyActionConfirmedEvent.class);
        assertThat(confirmed.confirmedBy()).isEqualTo(Personal.ERASED);
        assertThat(confirmed.note()).isEqualTo(Personal.ERASED);
        assertThat(eventStore
                        .readEvents(controls.toString())
                        .next()
                        .getMetaData()
                        .get("actor"))
                .isEqualTo("USER:" + erasure.erasedAs());

        // a projection reset and replayed after the erasure: no failure, the same erased reading
        rebuilds.rebuild("compliance-organizations");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(people(org)).containsExactly(erasure.erasedAs()));

        // the security action, loaded from its snapshot after the erasure, takes a new snapshot past the threshold
        actAs("auditor-" + run, org, () -> {
            for (int i = 0; i < SECURITY_ACTION_THRESHOLD; i++) {
                commands.sendAndWait(new CompleteReviewCommand(securityAction, ReviewKind.BASIC_POLICY, null, null));
            }
            return null;
        });
        assertThat(StoredSnapshots.of(context)
                        .require(securityAction.toString())
                        .sequenceNumber())
                .isGreaterThan(snapshotBefore);
        SnapshotCheck.of(Class.forName("dev.hoshi.compliance.securityaction.command.SecurityAction"), context)
                .assertSnapshotStateMatchesEvents(securityAction.toString());
        assertNoPlaintextAnywhere(grep);
    }

    private void assertNoPlaintextAnywhere(RawGrep grep) {
        List<String> found = new ArrayList<>();
        for (String text : plaintexts) {
            grep.hits(text).forEach(hit -> found.add(text + " in " + hit));
        }
        assertThat(found)
                .as("plaintext of the erased person or organisation in any collection")
                .isEmpty();
    }

    private List<String> people(TenantId org) {
        Document doc = db.getCollection("organizations")
                .find(new Document("_id", org.toString()))
                .first();
        return doc == null
                ? List.of()
                : doc.getList("people", Document.class).stream()
                        .map(p -> p.getString("user"))
                        .toList();
    }

    private <T> T payload(String aggregateId, Class<T> type) {
        List<T> found = new ArrayList<>();
        eventStore.readEvents(aggregateId).asStream().forEach(m -> {
            if (type.isInstance(m.getPayload())) {
                found.add(type.cast(m.getPayload()));
            }
        });
        assertThat(found).as(type.getSimpleName() + " of " + aggregateId).isNotEmpty();
        return found.get(0);
    }

    private static <T> T actAs(String user, TenantId org, Callable<T> work) throws Exception {
        RequestContext context = org == null
                ? RequestContext.withoutTenant(Actor.user(user))
                : RequestContext.forTenant(org, Actor.user(user));
        return CurrentContext.callWith(context, work);
    }
}

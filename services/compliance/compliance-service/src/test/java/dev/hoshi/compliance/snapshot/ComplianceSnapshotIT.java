package dev.hoshi.compliance.snapshot;

import static dev.hoshi.compliance.ComplianceTestSupport.sheet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.UpdateControlStatusCommand;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskCommands.AssessRiskCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RecordAssetCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RemoveAssetCommand;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.axon.SnapshotCheck;
import dev.hoshi.testsupport.axon.StoredSnapshot;
import dev.hoshi.testsupport.axon.StoredSnapshots;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Compliance's aggregates past three times their snapshot thresholds, driven by real commands against the
 * embedded store: a snapshot is taken, loads to the state the events make (compared with a load that ignores
 * snapshots), and the next command succeeds; and a snapshot as earlier versions stored it (empty, the cause of every
 * organisation failing after 50 changes) is skipped and replaced. The aggregate caches are emptied before each load,
 * as after a restart, so the loads really start from the stored snapshot.
 */
@SpringBootTest(
        properties = {
            "hoshi.compliance.due-check.initial-delay=PT1H",
            "hoshi.compliance.status-backfill.initial-delay=PT1H"
        })
class ComplianceSnapshotIT {

    /** As {@code ComplianceConfiguration} sets them. */
    private static final int SECURITY_ACTION_THRESHOLD = 50;

    private static final int CONTROL_PLAN_THRESHOLD = 100;

    private static final int RISK_REGISTER_THRESHOLD = 100;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("securityActionCache")
    Cache securityActions;

    @Autowired
    @Qualifier("controlPlanCache")
    Cache controlPlans;

    private StoredSnapshots snapshots;
    private final LocalDate today = BusinessTime.today(Clock.systemUTC());

    @BeforeEach
    void snapshots() {
        snapshots = StoredSnapshots.of(context);
    }

    @Test
    void aSecurityActionRecordPastThreeSnapshotThresholdsLoadsToTheStateItsEventsMake() throws Exception {
        SecurityActionId id = SecurityActionId.of(TenantId.of("org-snap-" + System.nanoTime()));
        SnapshotCheck<?> check = SnapshotCheck.of(securityActionClass(), context);

        drive(id, 3 * SECURITY_ACTION_THRESHOLD);

        StoredSnapshot snapshot = snapshots.require(id.toString());
        assertThat(snapshot.sequenceNumber()).isGreaterThan(2L * SECURITY_ACTION_THRESHOLD);
        assertThat(snapshot.payloadRevision()).isEqualTo("3");
        assertThat(snapshot.payload())
                .contains("\"sheets\"", "\"published\"", id.tenant().toString());
        securityActions.removeAll();
        check.assertSnapshotStateMatchesEvents(id.toString());

        securityActions.removeAll();
        SecurityActionStatus after = act(id, () -> commands.sendAndWait(submit(id, 3)));
        assertThat(after.latestAssessment().score()).isEqualTo(3 * 4 + 22 * 2);
        securityActions.removeAll();
        check.assertSnapshotStateMatchesEvents(id.toString());
    }

    @Test
    void aControlPlanPastThreeSnapshotThresholdsLoadsToTheStateItsEventsMake() throws Exception {
        TenantId tenant = TenantId.of("org-snap-controls-" + System.nanoTime());
        ControlPlanId id = ControlPlanId.of(tenant);
        SnapshotCheck<?> check = SnapshotCheck.of(controlPlanClass(), context);
        List<ControlStatus> statuses =
                List.of(ControlStatus.PLANNED, ControlStatus.IN_PROGRESS, ControlStatus.IMPLEMENTED);

        act(tenant, () -> {
            for (int i = 0; i < 3 * CONTROL_PLAN_THRESHOLD; i++) {
                commands.sendAndWait(new UpdateControlStatusCommand(
                        id, "C01-01", statuses.get(i % 3), null, null, null, null, null, null));
            }
            return null;
        });

        StoredSnapshot snapshot = snapshots.require(id.toString());
        assertThat(snapshot.sequenceNumber()).isGreaterThan(2L * CONTROL_PLAN_THRESHOLD);
        assertThat(snapshot.payloadRevision()).isEqualTo("2");
        controlPlans.removeAll();
        check.assertSnapshotStateMatchesEvents(id.toString());
        controlPlans.removeAll();
        act(
                tenant,
                () -> commands.sendAndWait(new UpdateControlStatusCommand(
                        id, "C01-01", ControlStatus.IMPLEMENTED, null, null, null, null, null, null)));
    }

    @Test
    void aRiskRegisterPastThreeSnapshotThresholdsLoadsToTheStateItsEventsMake() throws Exception {
        TenantId tenant = TenantId.of("org-snap-risks-" + System.nanoTime());
        RiskRegisterId id = RiskRegisterId.of(tenant);
        SnapshotCheck<?> check = SnapshotCheck.of(riskRegisterClass(), context);

        act(tenant, () -> {
            for (int i = 0; i < 3 * RISK_REGISTER_THRESHOLD; i++) {
                String asset = "asset-" + (i % 40);
                if (i % 3 == 2) { // assesses the asset recorded just before
                    commands.sendAndWait(new AssessRiskCommand(
                            id,
                            "asset-" + ((i - 1) % 40),
                            1 + i % 3,
                            1 + (i / 3) % 3,
                            "REDUCE",
                            List.of("C04-01"),
                            null,
                            null));
                } else {
                    commands.sendAndWait(new RecordAssetCommand(
                            id,
                            asset,
                            new Asset(null, "資産 " + i, null, null, null, null, null, 1 + i % 3, 2, 1),
                            null));
                }
            }
            return null;
        });

        StoredSnapshot snapshot = snapshots.require(id.toString());
        assertThat(snapshot.sequenceNumber()).isGreaterThan(2L * RISK_REGISTER_THRESHOLD);
        assertThat(snapshot.payloadRevision()).isEqualTo("1");
        assertThat(snapshot.payload()).contains("\"entries\"", "asset-39", "C04-01");
        check.assertSnapshotStateMatchesEvents(id.toString()); // not cached: every load starts from the store
        act(tenant, () -> commands.sendAndWait(new RemoveAssetCommand(id, "asset-0", null, null)));
        check.assertSnapshotStateMatchesEvents(id.toString());
    }

    @Test
    void aSnapshotAsEarlierVersionsStoredItIsSkippedAndAFreshOneReplacesIt() throws Exception {
        // the captured snapshot's aggregate: 50 events in, it was stored as "{}" and broke every later command
        SecurityActionId id = SecurityActionId.of(TenantId.of("org-old-snapshot"));
        drive(id, SECURITY_ACTION_THRESHOLD + 10);
        snapshots.putResource("old-snapshots/SecurityAction.json");
        assertThat(snapshots.require(id.toString()).payload()).isEqualTo("{}");
        securityActions.removeAll(); // as after a restart with the old store

        SecurityActionStatus after = act(id, () -> commands.sendAndWait(submit(id, 7)));

        assertThat(after.latestAssessment().score()).isEqualTo(7 * 4 + 18 * 2);
        StoredSnapshot fresh = snapshots.require(id.toString());
        assertThat(fresh.payloadRevision()).isEqualTo("3");
        assertThat(fresh.sequenceNumber()).isGreaterThan(SECURITY_ACTION_THRESHOLD);
        securityActions.removeAll();
        SnapshotCheck.of(securityActionClass(), context).assertSnapshotStateMatchesEvents(id.toString());
    }

    /** Commits to the articles, then submits sheets (each a sheet and a new status: two events) up to {@code events}. */
    private void drive(SecurityActionId id, int events) throws Exception {
        act(id, () -> {
            commands.sendAndWait(new CommitToFiveArticlesCommand(id, Set.of("A1", "A2", "A3", "A4", "A5"), null));
            for (int n = 0; eventStore.lastSequenceNumberFor(id.toString()).orElse(-1L) + 1 < events; n++) {
                commands.sendAndWait(submit(id, n % 25));
            }
            return null;
        });
    }

    /** A sheet with {@code done} items done and the rest partly: each {@code done} scores differently. */
    private SubmitSelfAssessmentCommand submit(SecurityActionId id, int done) {
        Map<String, String> answers = new java.util.HashMap<>(sheet("PARTLY"));
        for (int i = 1; i <= done; i++) {
            answers.put("Q" + i, "DONE");
        }
        return new SubmitSelfAssessmentCommand(id, AssessmentId.random(), null, null, answers, today, null);
    }

    private static <T> T act(SecurityActionId id, java.util.concurrent.Callable<T> work) throws Exception {
        return act(id.tenant(), work);
    }

    private static <T> T act(TenantId tenant, java.util.concurrent.Callable<T> work) throws Exception {
        return CurrentContext.callWith(RequestContext.forTenant(tenant, Actor.user("demo-snap")), work);
    }

    private static Class<?> securityActionClass() throws ClassNotFoundException {
        return Class.forName("dev.hoshi.compliance.securityaction.command.SecurityAction");
    }

    private static Class<?> riskRegisterClass() throws ClassNotFoundException {
        return Class.forName("dev.hoshi.compliance.risk.command.RiskRegister");
    }

    private static Class<?> controlPlanClass() throws ClassNotFoundException {
        return Class.forName("dev.hoshi.compliance.control.command.ControlPlan");
    }
}

package dev.hoshi.directory.support.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.DirectoryIT;
import dev.hoshi.directory.api.support.AcceptMembershipInvitationCommand;
import dev.hoshi.directory.api.support.AcceptMembershipProposalCommand;
import dev.hoshi.directory.api.support.AddSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.DeclineMembershipInvitationCommand;
import dev.hoshi.directory.api.support.InviteOrganizationCommand;
import dev.hoshi.directory.api.support.ProposeMembershipCommand;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.axon.SnapshotCheck;
import dev.hoshi.testsupport.axon.StoredSnapshot;
import dev.hoshi.testsupport.axon.StoredSnapshots;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A support organisation's snapshots against the embedded store, driven by real commands: they load to the state
 * its events make, and a snapshot as the code before snapshot revisions stored it is skipped and replaced.
 */
class SupportOrganizationSnapshotIT extends DirectoryIT {

    /** As {@code DirectoryConfiguration.supportOrganizationSnapshots} sets it. */
    private static final int THRESHOLD = 100;

    private static final UserId FIRST_ANALYST = UserId.of("analyst-1");

    @Autowired
    CommandGateway commands;

    @Autowired
    ApplicationContext context;

    private SnapshotCheck<SupportOrganization> check;
    private StoredSnapshots snapshots;

    @BeforeEach
    void checks() {
        check = SnapshotCheck.of(SupportOrganization.class, context);
        snapshots = StoredSnapshots.of(context);
    }

    @Test
    void snapshotsTakenPastThreeThresholdsLoadToTheStateItsEventsMake() {
        SupportOrganizationId supporter = SupportOrganizationId.of(unique("support"));
        register(supporter);
        drive(supporter, 3 * THRESHOLD - 1);

        StoredSnapshot snapshot = snapshots.require(supporter.toString());
        assertThat(snapshot.sequenceNumber()).isGreaterThan(2L * THRESHOLD);
        assertThat(snapshot.payloadRevision()).isEqualTo("2");
        assertThat(check.stateJson(check.load(supporter.toString())))
                .contains("\"id\":\"" + supporter + "\"")
                .contains("\"members\"");

        operator(() -> commands.sendAndWait(new RecordMembershipCommand(supporter, TenantId.of("one-more"))));

        check.assertSnapshotStateMatchesEvents(supporter.toString());
        assertThat(check.stateJson(check.load(supporter.toString()))).contains("\"one-more\"");
    }

    @Test
    void aSnapshotAsTheCodeBeforeRevisionsStoredItIsSkippedAndAFreshOneReplacesIt() {
        SupportOrganizationId supporter = SupportOrganizationId.of("support-old-snapshot"); // the captured one's
        register(supporter);
        drive(supporter, THRESHOLD);
        snapshots.putResource("old-snapshots/SupportOrganization.json");
        assertThat(snapshots.require(supporter.toString()))
                .extracting(StoredSnapshot::sequenceNumber, StoredSnapshot::payloadRevision, StoredSnapshot::payload)
                .containsExactly(4L, null, "{}");

        operator(() ->
                commands.sendAndWait(new RecordMembershipCommand(supporter, TenantId.of("after-the-old-snapshot"))));

        StoredSnapshot fresh = snapshots.require(supporter.toString());
        assertThat(fresh.payloadRevision()).isEqualTo("2");
        assertThat(fresh.sequenceNumber()).isEqualTo(THRESHOLD + 1L);
        assertThat(fresh.payload()).contains("after-the-old-snapshot");
        check.assertSnapshotStateMatchesEvents(supporter.toString());
    }

    private void register(SupportOrganizationId supporter) {
        operator(() -> commands.sendAndWait(new RegisterSupportOrganizationCommand(
                supporter, "スナップ商工会", null, SupportOrganizationKind.SHOKOKAI, FIRST_ANALYST)));
    }

    /**
     * Sends {@code count} commands, each of which applies one event: analysts join; SMEs are recorded, ask to join
     * and are accepted, or are invited and accept or decline, round after round.
     */
    private void drive(SupportOrganizationId supporter, int count) {
        List<Runnable> work = new ArrayList<>();
        for (int round = 0; work.size() < count; round++) {
            UserId analyst = UserId.of("analyst-" + (round + 2));
            TenantId recorded = TenantId.of("recorded-" + round);
            TenantId asking = TenantId.of("asking-" + round);
            TenantId invited = TenantId.of("invited-" + round);
            boolean accepts = round % 2 == 0;
            work.add(() ->
                    operator(() -> commands.sendAndWait(new AddSupportOrganizationAnalystCommand(supporter, analyst))));
            work.add(() -> operator(() -> commands.sendAndWait(new RecordMembershipCommand(supporter, recorded))));
            work.add(() -> sme(asking, () -> commands.sendAndWait(new ProposeMembershipCommand(supporter, asking))));
            work.add(() -> operator(
                    () -> commands.sendAndWait(new AcceptMembershipProposalCommand(supporter, asking, analyst))));
            work.add(() -> operator(
                    () -> commands.sendAndWait(new InviteOrganizationCommand(supporter, invited, FIRST_ANALYST))));
            work.add(() -> sme(
                    invited,
                    () -> commands.sendAndWait(
                            accepts
                                    ? new AcceptMembershipInvitationCommand(supporter, invited)
                                    : new DeclineMembershipInvitationCommand(supporter, invited))));
        }
        work.subList(0, count).forEach(Runnable::run);
    }

    private static void operator(Runnable work) {
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user(OPERATOR)), work);
    }

    private static void sme(TenantId organization, Runnable work) {
        CurrentContext.runWith(RequestContext.forTenant(organization, Actor.user("owner-of-" + organization)), work);
    }
}

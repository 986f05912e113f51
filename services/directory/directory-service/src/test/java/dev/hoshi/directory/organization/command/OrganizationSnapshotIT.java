package dev.hoshi.directory.organization.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.DirectoryIT;
import dev.hoshi.directory.api.consent.ChangeConsentScopeCommand;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.GrantConsentCommand;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.RevokeConsentCommand;
import dev.hoshi.directory.api.organization.AddOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.ChangeOrganizationMemberRoleCommand;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.directory.api.organization.RemoveOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.UpdateOrganizationProfileCommand;
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
 * An organisation's snapshots against the embedded store, driven by real commands: they load to the state its
 * events make, and a snapshot as the code before snapshot revisions stored it is skipped and replaced.
 */
class OrganizationSnapshotIT extends DirectoryIT {

    /** As {@code DirectoryConfiguration.organizationSnapshots} sets it. */
    private static final int THRESHOLD = 100;

    private static final UserId OWNER = UserId.of("owner-1");

    @Autowired
    CommandGateway commands;

    @Autowired
    ApplicationContext context;

    private SnapshotCheck<Organization> check;
    private StoredSnapshots snapshots;

    @BeforeEach
    void checks() {
        check = SnapshotCheck.of(Organization.class, context);
        snapshots = StoredSnapshots.of(context);
    }

    @Test
    void snapshotsTakenPastThreeThresholdsLoadToTheStateItsEventsMake() {
        TenantId organization = TenantId.of(unique("org"));
        register(organization);
        drive(organization, 3 * THRESHOLD - 1);

        StoredSnapshot snapshot = snapshots.require(organization.toString());
        assertThat(snapshot.sequenceNumber()).isGreaterThan(2L * THRESHOLD);
        assertThat(snapshot.payloadRevision()).isEqualTo("2");
        assertThat(check.stateJson(check.load(organization.toString())))
                .contains("\"id\":\"" + organization + "\"")
                .contains("\"grants\"");

        owner(
                organization,
                () -> commands.sendAndWait(new AddOrganizationMemberCommand(
                        organization, UserId.of("one-more"), OrganizationRole.VIEWER, OWNER)));

        check.assertSnapshotStateMatchesEvents(organization.toString());
        // the people's user ids are sealed in the snapshot (docs/eventstore.md, "Personal data in events")
        assertThat(check.fieldsJson(check.load(organization.toString()))).contains("one-more");
        assertThat(check.stateJson(check.load(organization.toString()))).doesNotContain("one-more");
    }

    @Test
    void aSnapshotAsTheCodeBeforeRevisionsStoredItIsSkippedAndAFreshOneReplacesIt() {
        TenantId organization = TenantId.of("org-old-snapshot"); // the aggregate the captured snapshot is of
        register(organization);
        drive(organization, THRESHOLD);
        snapshots.putResource("old-snapshots/Organization.json");
        assertThat(snapshots.require(organization.toString()))
                .extracting(StoredSnapshot::sequenceNumber, StoredSnapshot::payloadRevision, StoredSnapshot::payload)
                .containsExactly(4L, null, "{}");

        owner(
                organization,
                () -> commands.sendAndWait(new AddOrganizationMemberCommand(
                        organization, UserId.of("after-the-old-snapshot"), OrganizationRole.MEMBER, OWNER)));

        StoredSnapshot fresh = snapshots.require(organization.toString());
        assertThat(fresh.payloadRevision()).isEqualTo("2");
        assertThat(fresh.sequenceNumber()).isEqualTo(THRESHOLD + 1L);
        assertThat(fresh.payload()).contains("pd2:").doesNotContain("after-the-old-snapshot");
        assertThat(check.fieldsJson(check.load(organization.toString()))).contains("after-the-old-snapshot");
        check.assertSnapshotStateMatchesEvents(organization.toString());
    }

    private void register(TenantId organization) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user(OPERATOR)),
                () -> commands.sendAndWait(
                        new RegisterOrganizationCommand(organization, "株式会社スナップ", null, null, OWNER)));
    }

    /**
     * Sends {@code count} commands, each of which applies one event: an owner's year of work on people, profile and
     * consent grants, round after round.
     */
    private void drive(TenantId organization, int count) {
        List<Object> work = new ArrayList<>();
        for (int round = 0; work.size() < count; round++) {
            UserId member = UserId.of("member-" + round);
            ConsentGrantId grant = ConsentGrantId.of("grant-" + round);
            SupportOrganizationId supporter = SupportOrganizationId.of("support-" + round);
            work.add(new AddOrganizationMemberCommand(organization, member, OrganizationRole.MEMBER, OWNER));
            work.add(new ChangeOrganizationMemberRoleCommand(organization, member, OrganizationRole.VIEWER, OWNER));
            work.add(new GrantConsentCommand(
                    organization,
                    grant,
                    Grantee.supportOrganization(supporter),
                    ConsentScope.LEVEL_ONLY,
                    null,
                    todayInJapan().plusYears(1),
                    OWNER));
            work.add(new ChangeConsentScopeCommand(organization, grant, ConsentScope.LEVEL_AND_SCORES, OWNER));
            work.add(new UpdateOrganizationProfileCommand(
                    organization,
                    new OrganizationProfile(JsicDivision.E, null, 10 + round, 30_000_000L, Prefecture.AICHI, null),
                    OWNER));
            work.add(
                    round % 2 == 0
                            ? new RemoveOrganizationMemberCommand(organization, member, OWNER)
                            : new RevokeConsentCommand(organization, grant, OWNER));
        }
        owner(organization, () -> work.subList(0, count).forEach(commands::sendAndWait));
    }

    private static void owner(TenantId organization, Runnable work) {
        CurrentContext.runWith(RequestContext.forTenant(organization, Actor.user(OWNER.toString())), work);
    }
}

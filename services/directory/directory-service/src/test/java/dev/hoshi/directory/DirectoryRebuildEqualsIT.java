package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
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
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.IssuePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.RevokePartnerClientKeyCommand;
import dev.hoshi.directory.api.partner.RegisterPartnerClientCommand;
import dev.hoshi.directory.api.support.AcceptMembershipProposalCommand;
import dev.hoshi.directory.api.support.AddSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.ProposeMembershipCommand;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.RemoveSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.axon.ReadModels;
import dev.hoshi.testsupport.axon.RebuildEquals;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every projection of directory, rebuilt on the running service by the operators' {@code rebuildProjection}, leaves
 * the read model it built live. The stream, all through directory's own commands: 12 organisations (profiles, people
 * added, promoted and removed; one with 120 changes of people, past the organisation snapshot threshold), 3 support
 * organisations (one with 120 changes of analysts), memberships proposed, accepted and recorded, grants to support
 * organisations and partner clients given, widened and revoked, and a partner client with 120 key changes: more
 * events than a processor batch of 100 and every snapshot threshold (50, 100).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectoryRebuildEqualsIT {

    private static final int ORGANIZATIONS = 12;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        // as in production: several segments replay at once, each at its own pace
        registry.add("hoshi.processing.initial-segment-count", () -> "4");
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

    @Test
    void everyProjectionRebuiltFromTheStoreEqualsTheReadModelBuiltLive() {
        SupportOrganizationId[] supports = new SupportOrganizationId[3];
        for (int s = 0; s < supports.length; s++) {
            supports[s] = SupportOrganizationId.of("rebuild-s" + s + "-" + run);
            SupportOrganizationId support = supports[s];
            int n = s;
            operator(() -> commands.sendAndWait(new RegisterSupportOrganizationCommand(
                    support,
                    "再構築支援機関" + n,
                    "Rebuild support " + n,
                    SupportOrganizationKind.values()[n % SupportOrganizationKind.values().length],
                    analyst(n, 0))));
        }
        operator(() -> {
            for (int a = 1; a <= 60; a++) {
                commands.sendAndWait(new AddSupportOrganizationAnalystCommand(supports[0], analyst(0, a)));
                commands.sendAndWait(new RemoveSupportOrganizationAnalystCommand(supports[0], analyst(0, a)));
            }
            commands.sendAndWait(new AddSupportOrganizationAnalystCommand(supports[1], analyst(1, 1)));
        });
        PartnerClientId partner = PartnerClientId.of("rebuild-p-" + run);
        PartnerClientId otherPartner = PartnerClientId.of("rebuild-q-" + run);
        operator(() -> {
            commands.sendAndWait(new RegisterPartnerClientCommand(partner, "再構築銀行"));
            commands.sendAndWait(new RegisterPartnerClientCommand(otherPartner, "再構築信金"));
            for (int k = 0; k < 60; k++) {
                commands.sendAndWait(new IssuePartnerClientKeyCommand(partner, "key" + k, "%064x".formatted(k + 1)));
                if (k < 58) {
                    commands.sendAndWait(new RevokePartnerClientKeyCommand(partner, "key" + k));
                }
            }
        });

        for (int i = 0; i < ORGANIZATIONS; i++) {
            organization(i, supports, i % 2 == 0 ? partner : otherPartner);
        }

        RebuildEquals check = RebuildEquals.of(port, processing, eventStore, db)
                .skipping("corporate_number_claims")
                // the membership index's pairs are sets ($addToSet per batch: their order is where batches were cut)
                .unordered("pairs");
        ReadModels.Contents live = check.caughtUp();
        long events = eventStore.createHeadToken().position().orElse(-1) + 1;
        assertThat(events).isGreaterThan(400);
        assertThat(live.collections().get("organizations")).hasSize(ORGANIZATIONS);
        assertThat(check.projections()).hasSizeGreaterThanOrEqualTo(7);

        check.assertEveryRebuildEquals(live, 4, events);
    }

    private void organization(int i, SupportOrganizationId[] supports, PartnerClientId partner) {
        TenantId org = TenantId.of("rebuild-" + i + "-" + run);
        UserId owner = UserId.of("owner-" + i + "-" + run);
        operator(() -> commands.sendAndWait(new RegisterOrganizationCommand(org, "株式会社再構築" + i, null, null, owner)));
        CurrentContext.runWith(RequestContext.forTenant(org, Actor.user(owner.toString())), () -> {
            commands.sendAndWait(new UpdateOrganizationProfileCommand(
                    org,
                    new OrganizationProfile(
                            JsicDivision.E,
                            null,
                            10 + i * 40,
                            i % 3 == 0 ? null : 10_000_000L * i,
                            Prefecture.values()[i % Prefecture.values().length],
                            "Rebuild " + i + " Co."),
                    owner));
            UserId member = UserId.of("member-" + i + "-" + run);
            commands.sendAndWait(new AddOrganizationMemberCommand(org, member, OrganizationRole.MEMBER, owner));
            commands.sendAndWait(new ChangeOrganizationMemberRoleCommand(org, member, OrganizationRole.OWNER, owner));
            int churn = i == 0 ? 60 : 2;
            for (int p = 0; p < churn; p++) {
                UserId viewer = UserId.of("viewer-" + i + "-" + p + "-" + run);
                commands.sendAndWait(new AddOrganizationMemberCommand(org, viewer, OrganizationRole.VIEWER, owner));
                if (p % 2 == 0 || i == 0) {
                    commands.sendAndWait(new RemoveOrganizationMemberCommand(org, viewer, owner));
                }
            }
        });
        SupportOrganizationId support = supports[i % supports.length];
        if (i % 3 == 2) {
            operator(() -> commands.sendAndWait(new RecordMembershipCommand(support, org)));
        } else {
            CurrentContext.runWith(
                    RequestContext.forTenant(org, Actor.user(owner.toString())),
                    () -> commands.sendAndWait(new ProposeMembershipCommand(support, org)));
            operator(() -> commands.sendAndWait(
                    new AcceptMembershipProposalCommand(support, org, analyst(i % supports.length, 0))));
        }
        CurrentContext.runWith(RequestContext.forTenant(org, Actor.user(owner.toString())), () -> {
            ConsentGrantId grant = ConsentGrantId.random();
            commands.sendAndWait(new GrantConsentCommand(
                    org,
                    grant,
                    Grantee.supportOrganization(support),
                    ConsentScope.LEVEL_ONLY,
                    today,
                    i % 2 == 0 ? null : today.plusMonths(6),
                    owner));
            if (i % 2 == 0) {
                commands.sendAndWait(new ChangeConsentScopeCommand(org, grant, ConsentScope.FULL_DETAIL, owner));
            }
            if (i % 4 == 3) {
                commands.sendAndWait(new RevokeConsentCommand(org, grant, owner));
            }
            commands.sendAndWait(new GrantConsentCommand(
                    org,
                    ConsentGrantId.random(),
                    Grantee.partnerClient(partner),
                    ConsentScope.LEVEL_ONLY,
                    today.plusDays(i % 3),
                    null,
                    owner));
        });
    }

    private UserId analyst(int support, int n) {
        return UserId.of("rebuild-analyst-" + support + "-" + n + "-" + run);
    }

    private static void operator(Runnable action) {
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user("operator")), action);
    }
}

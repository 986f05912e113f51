package dev.hoshi.insights.rollup.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * A year (2026) of events for a tenant base, as directory and compliance would publish them, for the rollup
 * projection's batch tests and benchmark. Each member registers, describes its profile and grants support
 * organisation S (scope by member) and, one in four, T, and one in five a partner; compliance publishes its status
 * every month (levels moving up and down, scores rising and falling, so declines are noted) and three control
 * statuses, two key actions confirmed and, one in four, one withdrawn; some members move prefecture in June (they change slices), change their scope to S in August, or revoke
 * it in October. About 20 events per member.
 */
final class RollupHistory {

    static final SupportOrganizationId S = SupportOrganizationId.of("hist-s");
    static final SupportOrganizationId T = SupportOrganizationId.of("hist-t");
    static final UserId ANALYST = UserId.of("hist-analyst");
    private static final JsicDivision[] INDUSTRIES = {JsicDivision.D, JsicDivision.E, JsicDivision.G};

    private record Timed(Instant at, int order, Object payload) {}

    private RollupHistory() {}

    /** The events in the order of their timestamps, as a processor reads them from the store. */
    static List<EventMessage<?>> year(int members) {
        List<Timed> events = new ArrayList<>();
        events.add(timed(
                LocalDate.parse("2026-01-01"),
                0,
                0,
                new SupportOrganizationRegisteredEvent(
                        S, "履歴工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, ANALYST)));
        events.add(timed(
                LocalDate.parse("2026-01-01"),
                0,
                1,
                new SupportOrganizationRegisteredEvent(
                        T, "履歴商工会", null, SupportOrganizationKind.CHAMBER_OF_COMMERCE, ANALYST)));
        List<String> controls = Catalog.load().current().controlChapters().stream()
                .flatMap(c -> c.controls().stream())
                .limit(3)
                .map(Edition.Control::id)
                .toList();
        String edition = Catalog.load().current().edition();
        for (int i = 0; i < members; i++) {
            member(events, i, controls, edition);
        }
        events.sort(Comparator.comparing(Timed::at).thenComparingInt(Timed::order));
        return events.stream().<EventMessage<?>>map(RollupHistory::message).toList();
    }

    /** The same events grouped by member (each member's events in order, one member after another). */
    static List<EventMessage<?>> byMember(List<EventMessage<?>> events) {
        List<EventMessage<?>> grouped = new ArrayList<>(events);
        grouped.sort(Comparator.comparing(RollupHistory::memberOf));
        return grouped;
    }

    private static String memberOf(EventMessage<?> event) {
        Object payload = event.getPayload();
        for (var accessor : payload.getClass().getRecordComponents()) {
            if (accessor.getName().equals("organizationId")) {
                try {
                    return accessor.getAccessor().invoke(payload).toString();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return "";
    }

    private static void member(List<Timed> events, int i, List<String> controls, String edition) {
        String org = "h-" + i;
        TenantId id = TenantId.of(org);
        int day = 1 + i % 27;
        LocalDate start = LocalDate.parse("2026-01-01");
        LocalDate joined = LocalDate.of(2026, 1, day);
        int seq = 10 + i * 100;
        events.add(timed(
                joined,
                1,
                seq++,
                new OrganizationRegisteredEvent(id, "履歴会社" + i, null, null, UserId.of("owner-" + i))));
        events.add(timed(joined, 2, seq++, profile(id, i, Prefecture.values()[i % 47])));
        ConsentScope scope = ConsentScope.values()[i % 3];
        ConsentGrantId toS = ConsentGrantId.of("gs-" + org);
        events.add(timed(
                joined,
                3,
                seq++,
                new ConsentGrantedEvent(toS, id, Grantee.supportOrganization(S), scope, start, null)));
        if (i % 4 == 0) {
            events.add(timed(
                    joined,
                    3,
                    seq++,
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("gt-" + org),
                            id,
                            Grantee.supportOrganization(T),
                            ConsentScope.FULL_DETAIL,
                            start,
                            null)));
        }
        if (i % 5 == 0) {
            events.add(timed(
                    joined,
                    3,
                    seq++,
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("gp-" + org),
                            id,
                            Grantee.partnerClient(PartnerClientId.of("hist-partner")),
                            ConsentScope.LEVEL_ONLY,
                            start,
                            LocalDate.parse("2027-03-31"))));
        }
        if (i % 2 == 0) {
            events.add(timed(
                    LocalDate.of(2026, 2, day),
                    1,
                    seq++,
                    new OrganizationMemberAddedEvent(id, UserId.of("staff-" + i), OrganizationRole.MEMBER)));
        }
        for (int month = 1; month <= 12; month++) {
            LocalDate on = LocalDate.of(2026, month, day);
            events.add(timed(on, 5, seq++, status(i, month, on).event(org, on)));
            if (month % 3 == 0) {
                events.add(timed(
                        on,
                        6,
                        seq++,
                        new ControlStatusUpdatedEvent(
                                id,
                                edition,
                                controls.get((month / 3 + i) % controls.size()),
                                ControlStatus.values()[(i + month) % ControlStatus.values().length],
                                UserId.of("owner-" + i),
                                null,
                                null,
                                null,
                                null,
                                on)));
            }
        }
        // the executive confirms two key actions (経営者編) in spring; one in four takes one back in November
        String first = "K" + (1 + i % 7);
        for (LocalDate on : List.of(LocalDate.of(2026, 4, day), LocalDate.of(2026, 5, day))) {
            String action = on.getMonthValue() == 4 ? first : "K" + (1 + (i + 3) % 7);
            events.add(timed(on, 8, seq++, new KeyActionConfirmedEvent(id, action, "owner-" + i, null, edition, on)));
        }
        if (i % 4 == 1) {
            LocalDate on = LocalDate.of(2026, 11, day);
            events.add(timed(on, 8, seq++, new KeyActionWithdrawnEvent(id, first, "owner-" + i, null, on)));
        }
        if (i % 3 == 0) {
            events.add(timed(LocalDate.of(2026, 6, day), 7, seq++, profile(id, i, Prefecture.values()[(i + 13) % 47])));
        }
        if (i % 6 == 1) {
            events.add(timed(
                    LocalDate.of(2026, 8, day),
                    7,
                    seq++,
                    new ConsentScopeChangedEvent(
                            toS,
                            id,
                            Grantee.supportOrganization(S),
                            scope,
                            ConsentScope.values()[(i + 1) % 3],
                            start,
                            null)));
        }
        if (i % 10 == 7) {
            LocalDate revoked = LocalDate.of(2026, 10, day);
            events.add(timed(
                    revoked,
                    7,
                    seq,
                    new ConsentRevokedEvent(
                            toS,
                            id,
                            Grantee.supportOrganization(S),
                            ConsentScope.values()[(i + 1) % 3],
                            start,
                            null,
                            revoked)));
        }
    }

    private static OrganizationProfileUpdatedEvent profile(TenantId id, int i, Prefecture prefecture) {
        return new OrganizationProfileUpdatedEvent(
                id,
                new OrganizationProfile(INDUSTRIES[i % INDUSTRIES.length], null, 5 + i % 300, null, prefecture, null));
    }

    /** Levels and scores that go up and down over the year. */
    private static Statuses.Builder status(int i, int month, LocalDate on) {
        LocalDate declaredOn = LocalDate.parse("2026-01-15");
        Statuses.Builder status =
                switch ((i + month / 4) % 5) {
                    case 0 -> Statuses.nothingYet();
                    case 1 -> Statuses.oneStarEligible();
                    case 2 -> Statuses.oneStarDeclared(declaredOn);
                    case 3 -> Statuses.twoStarsEligible();
                    default -> Statuses.twoStarsDeclared(declaredOn);
                };
        if ((i + month) % 7 == 0 && (i + month / 4) % 5 == 4) {
            status = status.lapsed(LapseReason.POLICY_NOT_PUBLISHED, on);
        }
        return status.sheet((i * 7 + month * 3 + (month % 2) * 11) % 26, on);
    }

    private static Timed timed(LocalDate on, int hour, int order, Object payload) {
        return new Timed(on.atTime(hour, 0).toInstant(ZoneOffset.UTC), order, payload);
    }

    private static EventMessage<?> message(Timed timed) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), timed.payload(), Map.of(), timed.at());
    }
}

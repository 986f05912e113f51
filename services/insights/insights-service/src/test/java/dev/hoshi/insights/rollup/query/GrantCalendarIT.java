package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.TestMongo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grant counts from its start date to its end date (in Japan), also when no event happens on those days: the
 * projection evaluates grants on the day it handles an event, and {@link GrantCalendar} re-evaluates members on the
 * days their grants start or end. Five members granted since September; "late" from 5 October; "leaving" until 3
 * October.
 */
class GrantCalendarIT {

    private static final SupportOrganizationId S = SupportOrganizationId.of("assoc-s");
    private static final UserId ANALYST = UserId.of("ana");
    private static final Instant EVENT_TIME = Instant.parse("2026-09-30T01:00:00Z");

    private final TestMongo mongo = TestMongo.get();
    private final MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("insights"));
    // 1 October 2026, 09:00 in Japan
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T00:00:00Z"));
    private final SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
            db, SmeDefinitions.load(), Catalog.load(), clock, new MemberStatusChanges(new MemberStatusFeed()));
    private final SupportOrganizationRollupQueries queries =
            new SupportOrganizationRollupQueries(db, 5, clock, Catalog.load());
    private final GrantCalendar calendar = new GrantCalendar(db, projection, clock);

    @BeforeEach
    void fixture() {
        projection.on(new SupportOrganizationRegisteredEvent(
                S, "工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, ANALYST));
        for (int i = 1; i <= 5; i++) {
            grant("m" + i, LocalDate.parse("2026-09-01"), null);
        }
        grant("late", LocalDate.parse("2026-10-05"), null);
        grant("leaving", LocalDate.parse("2026-09-01"), LocalDate.parse("2026-10-03"));
    }

    @Test
    void aGrantCountsFromItsStartToItsEndDate() {
        assertThat(consenting()).isEqualTo(6);
        assertThat(listed()).contains("leaving").doesNotContain("late");

        clock.set(Instant.parse("2026-10-03T14:59:59Z")); // 23:59:59 on the 3rd in Japan: still its last day
        calendar.run();
        assertThat(consenting()).isEqualTo(6);

        clock.set(Instant.parse("2026-10-03T15:00:00Z")); // midnight in Japan: the 4th
        assertThat(calendar.run()).isEqualTo(1);
        assertThat(consenting()).isEqualTo(5);
        assertThat(listed()).doesNotContain("leaving", "late");

        clock.set(Instant.parse("2026-10-05T00:00:00Z"));
        assertThat(calendar.run()).isEqualTo(1);
        assertThat(consenting()).isEqualTo(6);
        assertThat(listed()).contains("late");

        // again the same day: nothing left to do
        assertThat(calendar.run()).isZero();
        assertThat(consenting()).isEqualTo(6);
    }

    @Test
    void daysMissedWhileTheServiceWasDownAreCaughtUp() {
        calendar.run(); // 1 October

        clock.set(Instant.parse("2026-10-10T00:00:00Z"));
        assertThat(calendar.run()).isEqualTo(2); // the 4th (leaving) and the 5th (late)
        assertThat(listed()).contains("late").doesNotContain("leaving");
    }

    @Test
    void aDayNotedByAnEarlierVersionInOneDocumentIsStillReEvaluated() {
        calendar.run(); // 1 October
        // as versions before the day's set was split wrote it: "late" again, in the day's single document
        db.getCollection("insights_grant_calendar")
                .insertOne(new Document("_id", "2026-10-05").append("organizations", List.of("late")));

        clock.set(Instant.parse("2026-10-05T00:00:00Z"));

        assertThat(calendar.run()).isEqualTo(2); // "leaving" on the 4th; "late" on the 5th, once though noted twice
        assertThat(listed()).contains("late").doesNotContain("leaving");
    }

    @Test
    void aDayWhenAThousandGrantsStartIsKeptInSmallDocumentsAndReEvaluatedWhole() {
        calendar.run(); // 1 October
        for (int i = 0; i < 1_000; i++) {
            grant("crowd-" + i, LocalDate.parse("2026-10-07"), null);
        }
        int largest = 0;
        for (Document day : db.getCollection("insights_grant_calendar").find()) {
            largest = Math.max(
                    largest,
                    day.getList("organizations", String.class, List.of()).size());
        }
        assertThat(largest).isLessThan(30);
        assertThat(listed()).noneMatch(id -> id.startsWith("crowd-"));

        clock.set(Instant.parse("2026-10-07T00:00:00Z"));

        assertThat(calendar.run()).isEqualTo(1_002); // with "leaving" (the 4th) and "late" (the 5th)
        assertThat(consenting()).isEqualTo(1_006); // m1 to m5, "late" and the thousand
    }

    private long consenting() {
        return queries.handle(new FindSupportOrganizationRollupQuery(S, ANALYST, null, null))
                .orElseThrow()
                .consentingMembers();
    }

    private List<String> listed() {
        return queries
                .handle(new ListSupportOrganizationMembersQuery(S, ANALYST, null, null, null, MemberSort.SCORE, 0, 20))
                .orElseThrow()
                .members()
                .stream()
                .map(MemberView::organizationId)
                .toList();
    }

    private void grant(String member, LocalDate start, LocalDate end) {
        projection.on(
                new ConsentGrantedEvent(
                        ConsentGrantId.of("grant-" + member),
                        TenantId.of(member),
                        Grantee.supportOrganization(S),
                        ConsentScope.LEVEL_ONLY,
                        start,
                        end),
                EVENT_TIME);
    }
}

package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.api.rollup.MemberPageView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.TestMongo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The member list's order at 10,000 members of one support organisation (and a few of another), counted in and out
 * as {@link RollupBatch} counts them, read page by page: every page, at every offset, holds the members the list's
 * rule puts there, written here independently of {@link MemberOrder#place} as comparators. Filtered pages, which sort
 * the matching rows on their ranks ({@link MemberOrder#ranks}), are read through the query handler at 3,000 members.
 */
class MemberOrderTest {

    private static final String ASSOCIATION = "assoc-1";
    private static final String OTHER = "assoc-2";
    private static final int MEMBERS = 10_000;
    private static final int FILTERED_MEMBERS = 3_000;
    private static final Comparator<Integer> HIGH_FIRST_ABSENT_LAST =
            Comparator.nullsLast(Comparator.<Integer>reverseOrder());

    /** The list's order as the GraphQL schema documents it, one comparator per sort. */
    private static final Map<MemberSort, Comparator<Document>> RULE = Map.of(
            MemberSort.SCORE, by("score").thenComparing(byId()),
            MemberSort.LEVEL, by("levelRank").thenComparing(by("score")).thenComparing(byId()),
            MemberSort.OVERDUE, by("overdueRank").thenComparing(by("score")).thenComparing(byId()),
            MemberSort.LAST_ASSESSMENT,
                    Comparator.<Document, String>comparing(
                                    row -> row.getString("assessedOn"),
                                    Comparator.nullsLast(Comparator.<String>reverseOrder()))
                            .thenComparing(by("score"))
                            .thenComparing(byId()));

    private final Random random = new Random(20261203);
    private MongoDatabase db;
    private MongoCollection<Document> order;
    private final Map<String, Document> rows = new LinkedHashMap<>();
    private final Map<String, Document> others = new LinkedHashMap<>();

    @BeforeEach
    void store() {
        TestMongo mongo = TestMongo.get();
        db = mongo.client().getDatabase(mongo.freshDatabaseName("member-order"));
        order = db.getCollection("insights_member_order");
    }

    @Test
    void everyPageOfTenThousandMembersHoldsWhatTheRulePutsThereAfterMovesAndDepartures() {
        Map<String, Map<String, Long>> inc = new TreeMap<>();
        for (int i = 0; i < MEMBERS; i++) {
            // ids as the kernel allows them, '.' included; a fifth without a score (hidden or never assessed)
            Document row = row((i % 7 == 0 ? "org." : "org-") + Integer.toString(random.nextInt(1 << 30), 36) + i);
            rows.put(row.getString("organization"), row);
            MemberOrder.count(inc, ASSOCIATION, row, 1);
        }
        for (int i = 0; i < 300; i++) {
            Document row = row("other-" + i);
            others.put(row.getString("organization"), row);
            MemberOrder.count(inc, OTHER, row, 1);
        }
        RollupBatch.increment(order, inc);

        // a batch moves 3,000 members to new places and takes 1,000 out of the list
        inc.clear();
        List<String> ids = new ArrayList<>(rows.keySet());
        for (int i = 0; i < 4_000; i++) {
            String id = ids.get(i * 2);
            MemberOrder.count(inc, ASSOCIATION, rows.get(id), -1);
            if (i < 3_000) {
                Document moved = row(id);
                rows.put(id, moved);
                MemberOrder.count(inc, ASSOCIATION, moved, 1);
            } else {
                rows.remove(id);
            }
        }
        RollupBatch.increment(order, inc);

        for (MemberSort sort : MemberSort.values()) {
            List<String> expected = expected(rows, sort);
            assertThat(expected).hasSize(MEMBERS - 1_000);

            List<String> paged = new ArrayList<>();
            for (int offset = 0; ; offset += 100) {
                MemberOrder.Page page = MemberOrder.page(order, ASSOCIATION, sort, offset, 100);
                assertThat(page.total()).isEqualTo(MEMBERS - 1_000);
                if (page.organizations().isEmpty()) {
                    break;
                }
                paged.addAll(page.organizations());
            }
            assertThat(paged).as("every page of %s", sort).isEqualTo(expected);
            assertThat(MemberOrder.page(order, ASSOCIATION, sort, 4_321, 37).organizations())
                    .as("a page starting inside a key, %s", sort)
                    .isEqualTo(expected.subList(4_321, 4_358));
            assertThat(MemberOrder.page(order, ASSOCIATION, sort, MEMBERS - 1_003, 21)
                            .organizations())
                    .as("the last page, short")
                    .isEqualTo(expected.subList(MEMBERS - 1_003, MEMBERS - 1_000));
            assertThat(MemberOrder.page(order, OTHER, sort, 0, 1_000).organizations())
                    .as("another support organisation's list is its own")
                    .isEqualTo(expected(others, sort));

            // the filtered list sorts the rows on their ranks: the same order
            List<String> byRank = rows.values().stream()
                    .sorted(Comparator.comparing(row -> MemberOrder.ranks(row).getString(sort.name())))
                    .map(row -> row.getString("organization"))
                    .toList();
            assertThat(byRank).as("ranks of %s", sort).isEqualTo(expected);
        }
    }

    @Test
    void aFilteredPageHoldsTheMatchingMembersInTheListsOrderAtItsStartMiddleAndEnd() {
        Map<String, Map<String, Long>> inc = new TreeMap<>();
        List<Document> listing = new ArrayList<>();
        for (int i = 0; i < FILTERED_MEMBERS; i++) {
            Document row = listed(ASSOCIATION, "org-" + Integer.toString(random.nextInt(1 << 30), 36) + i);
            rows.put(row.getString("organization"), row);
            listing.add(row);
            MemberOrder.count(inc, ASSOCIATION, row, 1);
        }
        for (int i = 0; i < 400; i++) {
            Document row = listed(OTHER, "other-" + i); // matches the same filters, in another association's list
            listing.add(row);
            MemberOrder.count(inc, OTHER, row, 1);
        }
        RollupBatch.increment(order, inc);
        db.getCollection("insights_member_listing").insertMany(listing);
        db.getCollection("insights_support_analysts")
                .insertOne(new Document("_id", "analyst").append("supportOrganizations", List.of(ASSOCIATION)));
        SupportOrganizationRollupQueries queries = new SupportOrganizationRollupQueries(
                db, 5, Clock.fixed(Instant.parse("2026-12-04T03:00:00Z"), ZoneOffset.UTC), Catalog.load());

        record Filter(String level, RollupFilter by, Boolean overdue) {
            boolean matches(Document row) {
                return (level == null || level.equals(row.getString("level")))
                        && (by.industry() == null || by.industry().equals(row.getString("industry")))
                        && (by.prefecture() == null || by.prefecture().equals(row.getString("prefecture")))
                        && (overdue == null || overdue.equals(row.getBoolean("overdue")));
            }
        }
        List<Filter> filters = List.of(
                new Filter(null, new RollupFilter("E", null, null), null), // about a quarter
                new Filter("ONE_STAR_DECLARED", new RollupFilter(null, null, "13"), null), // about one in forty
                new Filter(null, RollupFilter.NONE, true), // overdue: only rows with a score hold it
                new Filter(null, new RollupFilter("Z", null, null), null)); // nobody
        for (MemberSort sort : MemberSort.values()) {
            for (Filter filter : filters) {
                List<String> expected = rows.values().stream()
                        .filter(filter::matches)
                        .sorted(RULE.get(sort))
                        .map(row -> row.getString("organization"))
                        .toList();
                for (int offset : new int[] {0, expected.size() / 2, Math.max(0, expected.size() - 7)}) {
                    MemberPageView view = queries.handle(new ListSupportOrganizationMembersQuery(
                                    new SupportOrganizationId(ASSOCIATION),
                                    UserId.of("analyst"),
                                    filter.level(),
                                    filter.by(),
                                    filter.overdue(),
                                    sort,
                                    offset,
                                    20))
                            .orElseThrow();
                    assertThat(view.members())
                            .extracting(MemberView::organizationId)
                            .as("%s filtered by %s, at %d of %d", sort, filter, offset, expected.size())
                            .isEqualTo(expected.subList(offset, Math.min(offset + 20, expected.size())));
                    assertThat(view.hasNext()).isEqualTo(offset + 20 < expected.size());
                }
            }
        }
        assertThat(rows.values().stream().filter(filters.get(1)::matches).count())
                .as("the rare filter matches a few members in a hundred")
                .isBetween(10L, (long) FILTERED_MEMBERS / 20);
    }

    @Test
    void manyMembersSharingOneKeyAreSpreadOverSmallDocuments() {
        Map<String, Map<String, Long>> inc = new TreeMap<>();
        for (int i = 0; i < MEMBERS; i++) {
            // no score, no sheet: one key in every sort
            Document row = new Document("organization", "org-" + i).append("levelRank", 0);
            rows.put(row.getString("organization"), row);
            MemberOrder.count(inc, ASSOCIATION, row, 1);
        }
        RollupBatch.increment(order, inc);

        int largest = 0;
        for (Document bucket : order.find(new Document("m", new Document("$exists", true)))) {
            largest = Math.max(largest, bucket.get("m", Document.class).size());
        }
        assertThat(largest).isLessThan(2 * MEMBERS / MemberOrder.SUBS);
        assertThat(MemberOrder.page(order, ASSOCIATION, MemberSort.SCORE, 9_990, 20)
                        .organizations())
                .isEqualTo(expected(rows, MemberSort.SCORE).subList(9_990, 10_000));
    }

    @Test
    void anEmptyListHasNoPages() {
        MemberOrder.Page page = MemberOrder.page(order, ASSOCIATION, MemberSort.LEVEL, 0, 20);

        assertThat(page.organizations()).isEmpty();
        assertThat(page.total()).isZero();
    }

    /** A row as the list stores it, with only what its order reads; a fifth without a score (nor its sheet). */
    private Document row(String organization) {
        Document row = new Document("organization", organization).append("levelRank", random.nextInt(5));
        if (random.nextInt(5) > 0) {
            boolean overdue = random.nextInt(4) == 0;
            row.append(
                            "score",
                            MemberState.MIN_SCORE + random.nextInt(MemberState.MAX_SCORE - MemberState.MIN_SCORE + 1))
                    .append(
                            "assessedOn",
                            LocalDate.of(2025, 1, 1)
                                    .plusDays(random.nextInt(700))
                                    .toString())
                    .append("overdue", overdue)
                    .append("overdueRank", overdue ? 1 : 0);
        }
        return row;
    }

    /** A row of {@code supportOrganization}'s list with the fields the filters read and its ranks, as stored. */
    private Document listed(String supportOrganization, String organization) {
        Document row = row(organization);
        row.append("_id", supportOrganization + "/" + organization)
                .append("supportOrganization", supportOrganization)
                .append("scope", "LEVEL_AND_SCORES")
                .append("level", MemberState.LEVELS.get(row.getInteger("levelRank")))
                .append("industry", List.of("A", "E", "G", "P").get(random.nextInt(4)))
                .append("prefecture", "%02d".formatted(1 + random.nextInt(8) * 4));
        return row.append("rank", MemberOrder.ranks(row));
    }

    private static List<String> expected(Map<String, Document> rows, MemberSort sort) {
        return rows.values().stream()
                .sorted(RULE.get(sort))
                .map(row -> row.getString("organization"))
                .toList();
    }

    private static Comparator<Document> by(String field) {
        return Comparator.comparing(row -> row.getInteger(field), HIGH_FIRST_ABSENT_LAST);
    }

    private static Comparator<Document> byId() {
        return Comparator.comparing(row -> row.getString("organization"));
    }
}

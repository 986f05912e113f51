package dev.hoshi.insights.rollup.query;

import static dev.hoshi.insights.rollup.query.MemberState.MAX_SCORE;
import static dev.hoshi.insights.rollup.query.MemberState.MIN_SCORE;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.api.attestation.AttestationView;
import dev.hoshi.insights.api.attestation.FindAttestationQuery;
import dev.hoshi.insights.api.rollup.CohortBenchmarkView;
import dev.hoshi.insights.api.rollup.CohortBenchmarkView.PartView;
import dev.hoshi.insights.api.rollup.FindCohortBenchmarkQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery.Interval;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.api.rollup.MemberPageView;
import dev.hoshi.insights.api.rollup.MemberPageView.ItemAnswerView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupSeriesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.BandCountView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ChapterRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ControlRatesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ItemRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ItemRatesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.KeyActionRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.KeyActionRatesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.LevelCountsView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ScoreSummaryView;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.rollup.query.DisclosureControl.Group;
import dev.hoshi.insights.rollup.query.DisclosureControl.Verdict;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads what {@link SupportOrganizationRollupProjection} keeps: each query is a few point look-ups or bounded range
 * reads, never a scan over members (but for the cohort's weekly publication, {@link CohortPublications}). Figures are
 * shown as {@link DisclosureControl} decides. Deny by default: a caller who may not see a thing gets nothing, as if
 * it did not exist.
 */
@Component
class SupportOrganizationRollupQueries {

    private final RollupCollections store;
    private final int threshold;
    private final Clock clock;
    private final DisclosureControl disclosure;
    private final CohortPublications cohorts;
    private final Edition edition;

    SupportOrganizationRollupQueries(
            @Qualifier("serviceDatabase") MongoDatabase db,
            @Value("${hoshi.insights.disclosure-threshold:5}") int threshold,
            Clock clock,
            Catalog catalog) {
        this.store = RollupCollections.in(db);
        this.edition = catalog.current();
        this.threshold = threshold;
        this.clock = clock;
        this.disclosure = new DisclosureControl(db, threshold);
        this.cohorts = new CohortPublications(db, threshold, threshold, clock);
    }

    // --- rollups --------------------------------------------------------------------------------------------

    /**
     * The slice's rollup now, or as of {@code asOf}'s month ({@link MonthlyChanges}), beside the same period's
     * documents of its wider slices (at most 7 more point look-ups), judged by {@link DisclosureControl}.
     */
    @QueryHandler
    Optional<SupportOrganizationRollupView> handle(FindSupportOrganizationRollupQuery query) {
        String supportOrganization = query.supportOrganizationId().toString();
        if (!isAnalyst(query.viewer().toString(), supportOrganization)) {
            return Optional.empty(); // not its analyst: as if it did not exist
        }
        RollupFilter filter = query.filter();
        String slice = slice(supportOrganization, filter);
        List<String> slices = concat(slice, DisclosureControl.wider(slice));
        if (query.asOf() == null) {
            Map<String, Document> now = new HashMap<>();
            store.rollups()
                    .find(new Document("_id", new Document("$in", slices)))
                    .forEach(d -> now.put(d.getString("_id"), d));
            String month = YearMonth.from(BusinessTime.today(clock)).toString();
            return Optional.of(view(supportOrganization, filter, month, slice, now));
        }
        YearMonth month = YearMonth.from(query.asOf());
        return Optional.of(
                view(supportOrganization, filter, month.toString(), slice, at(asOfEachMonth(slices, month), month)));
    }

    /**
     * The history of the slice and its wider slices up to {@code to} ({@link #asOfEachMonth}); each month or quarter (at
     * most 36) is then read from them, oldest first, and judged in that order.
     */
    @QueryHandler
    Optional<SupportOrganizationRollupSeriesView> handle(FindSupportOrganizationRollupSeriesQuery query) {
        String supportOrganization = query.supportOrganizationId().toString();
        if (!isAnalyst(query.viewer().toString(), supportOrganization)) {
            return Optional.empty();
        }
        RollupFilter filter = query.filter();
        String slice = slice(supportOrganization, filter);
        YearMonth last = query.interval() == Interval.QUARTER ? quarterEnd(query.to()) : query.to();
        Map<String, TreeMap<String, Document>> history =
                asOfEachMonth(concat(slice, DisclosureControl.wider(slice)), last);
        List<SupportOrganizationRollupView> periods = new ArrayList<>();
        if (query.interval() == Interval.QUARTER) {
            YearMonth quarterEnd = quarterEnd(query.from());
            for (; !quarterEnd.minusMonths(2).isAfter(query.to()); quarterEnd = quarterEnd.plusMonths(3)) {
                String quarter = MemberState.quarterOf(quarterEnd);
                periods.add(view(supportOrganization, filter, quarter, slice, at(history, quarterEnd)));
            }
        } else {
            for (YearMonth m = query.from(); !m.isAfter(query.to()); m = m.plusMonths(1)) {
                periods.add(view(supportOrganization, filter, m.toString(), slice, at(history, m)));
            }
        }
        return Optional.of(new SupportOrganizationRollupSeriesView(periods));
    }

    /** Each slice's rollup as of {@code month}: as of the last month up to it that changed it. */
    private static Map<String, Document> at(Map<String, TreeMap<String, Document>> history, YearMonth month) {
        Map<String, Document> docs = new HashMap<>();
        history.forEach((s, months) -> {
            Map.Entry<String, Document> e = months.floorEntry(month.toString());
            docs.put(s, e == null ? null : e.getValue());
        });
        return docs;
    }

    private static List<String> concat(String slice, List<String> wider) {
        List<String> all = new ArrayList<>(wider);
        all.add(slice);
        return all;
    }

    private static YearMonth quarterEnd(YearMonth month) {
        return month.withMonth(((month.getMonthValue() - 1) / 3) * 3 + 3);
    }

    private static String slice(String supportOrganization, RollupFilter filter) {
        return MemberState.slice(supportOrganization, filter.industry(), filter.smeClass(), filter.prefecture());
    }

    /** The month ids of {@code slice} from its first change ({@code since}; none without one) to {@code last}. */
    private static List<String> monthIds(String slice, String since, YearMonth last) {
        List<String> ids = new ArrayList<>();
        if (since != null) {
            for (YearMonth m = YearMonth.parse(since); !m.isAfter(last); m = m.plusMonths(1)) {
                ids.add(slice + ":" + m);
            }
        }
        return ids;
    }

    /**
     * Each slice's rollup as of each month it changed in, up to {@code last} ({@link MonthlyChanges}): one read of the
     * slices' rollups for their first changed month ({@code since}), then one {@code $in} of the month ids from
     * there, a point look-up per id on the embedded server too (docs/insights.md, "Indexes"); a range over {@code
     * _id} would scan every month there. A slice without a rollup has no months either (they are written after it).
     */
    private Map<String, TreeMap<String, Document>> asOfEachMonth(List<String> slices, YearMonth last) {
        Map<String, TreeMap<String, Document>> history = new HashMap<>();
        List<String> ids = new ArrayList<>();
        store.rollups()
                .find(new Document("_id", new Document("$in", slices)))
                .projection(new Document("since", 1))
                .forEach(rollup -> ids.addAll(monthIds(rollup.getString("_id"), rollup.getString("since"), last)));
        slices.forEach(s -> history.put(s, new TreeMap<>()));
        if (!ids.isEmpty()) {
            store.history().find(new Document("_id", new Document("$in", ids))).forEach(d -> {
                String id = d.getString("_id");
                int colon = id.lastIndexOf(':');
                history.get(id.substring(0, colon)).put(id.substring(colon + 1), d);
            });
        }
        history.values().forEach(MonthlyChanges::runningSums);
        return history;
    }

    /** {@code docs}: the slice's document and its wider slices' of the same period ({@code null}: nothing yet). */
    private SupportOrganizationRollupView view(
            String supportOrganization, RollupFilter filter, String period, String slice, Map<String, Document> docs) {
        Document doc = docs.get(slice) == null ? new Document() : docs.get(slice);
        Map<String, Document> wider = new HashMap<>(docs);
        wider.remove(slice);
        Verdict verdict = disclosure.judge(supportOrganization, slice, doc, wider);
        boolean suppressed = !verdict.shown(Group.MEMBERS);
        Document level = sub(doc, "level");
        LevelCountsView levels = suppressed
                ? null
                : new LevelCountsView(
                        count(level, "NONE"),
                        count(level, "ONE_STAR_ELIGIBLE"),
                        count(level, "ONE_STAR_DECLARED"),
                        count(level, "TWO_STARS_ELIGIBLE"),
                        count(level, "TWO_STARS_DECLARED"));
        boolean reviews = verdict.shown(Group.REVIEWS);
        return new SupportOrganizationRollupView(
                supportOrganization,
                period,
                filter,
                threshold,
                verdict.size(Group.MEMBERS),
                suppressed,
                verdict.reason(Group.MEMBERS),
                levels,
                suppressed ? null : count(doc, "standingLapsed"),
                reviews ? count(doc, "overdue") : null,
                verdict.size(Group.REVIEWS),
                verdict.reason(Group.REVIEWS),
                suppressed ? null : count(sub(doc, "declined"), period),
                scores(doc, verdict),
                items(doc, verdict),
                controls(doc, verdict),
                keyActions(doc, verdict));
    }

    private ScoreSummaryView scores(Document doc, Verdict verdict) {
        Long scored = verdict.size(Group.SCORES);
        if (!verdict.shown(Group.SCORES)) {
            return new ScoreSummaryView(scored, true, verdict.reason(Group.SCORES), null, null, null);
        }
        long[] counts = histogram(sub(doc, "hist"));
        Document band = sub(doc, "band");
        List<BandCountView> bands = band.keySet().stream()
                .filter(b -> count(band, b) > 0)
                .sorted()
                .map(b -> new BandCountView(b, count(band, b)))
                .toList();
        return new ScoreSummaryView(
                scored, false, null, (double) count(doc, "scoreSum") / scored, median(counts, scored), bands);
    }

    private ItemRatesView items(Document doc, Verdict verdict) {
        Long detailed = verdict.size(Group.ITEMS);
        if (!verdict.shown(Group.ITEMS)) {
            return new ItemRatesView(detailed, true, verdict.reason(Group.ITEMS), null);
        }
        Document done = sub(doc, "done");
        Document answered = sub(doc, "answered");
        List<ItemRateView> rates = answered.keySet().stream()
                .filter(item -> count(answered, item) > 0)
                .sorted(Comparator.comparingInt(SupportOrganizationRollupQueries::itemOrder)
                        .thenComparing(Comparator.naturalOrder()))
                .map(item -> new ItemRateView(item, (double) count(done, item) / detailed))
                .toList();
        return new ItemRatesView(detailed, false, null, rates);
    }

    private ControlRatesView controls(Document doc, Verdict verdict) {
        Long controlled = verdict.size(Group.CONTROLS);
        if (!verdict.shown(Group.CONTROLS)) {
            return new ControlRatesView(controlled, true, verdict.reason(Group.CONTROLS), null);
        }
        // a chapter none of whose controls applies to any member (all marked not applicable) is left out, as in bands
        Document chapters = sub(doc, "chapter");
        List<ChapterRateView> rates = new TreeSet<>(chapters.keySet())
                .stream()
                        .filter(chapter -> count(sub(chapters, chapter), "applicable") > 0)
                        .map(chapter -> {
                            Document c = sub(chapters, chapter);
                            long implemented = count(c, "implemented");
                            long applicable = count(c, "applicable");
                            return new ChapterRateView(
                                    chapter, implemented, applicable, (double) implemented / applicable);
                        })
                        .toList();
        return new ControlRatesView(controlled, false, null, rates);
    }

    /** Every key action of the current edition, in its order, with the members whose executive confirmed it. */
    private KeyActionRatesView keyActions(Document doc, Verdict verdict) {
        Long members = verdict.size(Group.KEY_ACTIONS);
        if (!verdict.shown(Group.KEY_ACTIONS)) {
            return new KeyActionRatesView(members, true, verdict.reason(Group.KEY_ACTIONS), null);
        }
        Document confirmed = sub(doc, "keyAction");
        List<KeyActionRateView> actions = edition.keyActions().stream()
                .map(action -> {
                    long n = count(confirmed, MemberState.fieldSafe(action.id()));
                    return new KeyActionRateView(action.id(), n, (double) n / members);
                })
                .toList();
        return new KeyActionRatesView(members, false, null, actions);
    }

    /** The median from the histogram: the middle score, or the mean of the two middle ones. */
    static double median(long[] counts, long n) {
        long lowerRank = (n - 1) / 2; // 0-based ranks of the middle element(s)
        long upperRank = n / 2;
        Integer lower = null;
        Integer upper = null;
        long seen = 0;
        for (int i = 0; i < counts.length && upper == null; i++) {
            seen += counts[i];
            if (lower == null && seen > lowerRank) {
                lower = i + MIN_SCORE;
            }
            if (seen > upperRank) {
                upper = i + MIN_SCORE;
            }
        }
        return (lower + upper) / 2.0;
    }

    private static long[] histogram(Document hist) {
        long[] counts = new long[MAX_SCORE - MIN_SCORE + 1];
        for (String key : hist.keySet()) {
            counts[Integer.parseInt(key)] = count(hist, key);
        }
        return counts;
    }

    /** Q1..Q25 in number order; anything else after them. */
    private static int itemOrder(String item) {
        try {
            return Integer.parseInt(item.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    // --- the member list ------------------------------------------------------------------------------------

    /**
     * The whole list: its order's counts and the page's buckets ({@link MemberOrder}), then the page's rows, by id;
     * three reads whatever the list's length. A filtered list: the matching rows sorted on the same ranks, one page
     * long (an indexed range read on MongoDB; the embedded server reads the support organisation's rows).
     */
    @QueryHandler
    Optional<MemberPageView> handle(ListSupportOrganizationMembersQuery query) {
        String supportOrganization = query.supportOrganizationId().toString();
        if (!isAnalyst(query.viewer().toString(), supportOrganization)) {
            return Optional.empty();
        }
        MemberSort sort = query.sort() == null ? MemberSort.SCORE : query.sort();
        Document filter = new Document("supportOrganization", supportOrganization);
        if (query.level() != null) {
            filter.append("level", query.level());
        }
        RollupFilter by = query.filter();
        if (by.industry() != null) {
            filter.append("industry", by.industry());
        }
        if (by.smeClass() != null) {
            filter.append("smeClass", by.smeClass());
        }
        if (by.prefecture() != null) {
            filter.append("prefecture", by.prefecture());
        }
        if (query.overdue() != null) {
            filter.append("overdue", query.overdue());
        }
        List<Document> rows = filter.size() == 1
                ? inOrder(supportOrganization, sort, query.offset(), query.limit() + 1)
                : store.listing()
                        .find(filter)
                        .sort(new Document("rank." + sort.name(), 1))
                        .skip(query.offset())
                        .limit(query.limit() + 1)
                        .into(new ArrayList<>());
        List<MemberView> page = new ArrayList<>();
        rows.forEach(row -> page.add(member(row)));
        boolean hasNext = page.size() > query.limit();
        return Optional.of(
                new MemberPageView(hasNext ? page.subList(0, query.limit()) : page, query.offset(), hasNext));
    }

    /** The rows at {@code offset} in {@code sort}'s order; a row named there but not (yet) stored is left out. */
    private List<Document> inOrder(String supportOrganization, MemberSort sort, int offset, int limit) {
        MemberOrder.Page page = MemberOrder.page(store.order(), supportOrganization, sort, offset, limit);
        if (page.organizations().isEmpty()) {
            return List.of();
        }
        Map<String, Document> byId = new HashMap<>();
        store.listing()
                .find(new Document(
                        "_id",
                        new Document(
                                "$in",
                                page.organizations().stream()
                                        .map(organization -> supportOrganization + "/" + organization)
                                        .toList())))
                .forEach(row -> byId.put(row.getString("organization"), row));
        List<Document> rows = new ArrayList<>();
        for (String organization : page.organizations()) {
            Document row = byId.get(organization);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static MemberView member(Document row) {
        Document answers = row.get("answers", Document.class);
        // the standing goes with the level at every scope; why and since when it lapsed tells the policy's or the
        // sheet's state, which LEVEL_ONLY does not show
        boolean assessmentFacts = ConsentScope.valueOf(row.getString("scope")).includes(ConsentScope.LEVEL_AND_SCORES);
        return new MemberView(
                row.getString("organization"),
                row.getString("name"),
                row.getString("scope"),
                row.getString("industry"),
                row.getString("smeClass"),
                row.getString("prefecture"),
                row.getString("level"),
                row.getString("declaredLevel"),
                row.getString("standing"),
                assessmentFacts ? row.getString("lapseReason") : null,
                assessmentFacts ? row.getString("lapsedOn") : null,
                row.getInteger("score"),
                row.getString("band"),
                row.getString("assessedOn"),
                row.getBoolean("overdue"),
                answers == null
                        ? null
                        : answers.keySet().stream()
                                .sorted(Comparator.comparingInt(SupportOrganizationRollupQueries::itemOrder)
                                        .thenComparing(Comparator.naturalOrder()))
                                .map(item -> new ItemAnswerView(item, answers.getString(item)))
                                .toList());
    }

    // --- the cohort benchmark -------------------------------------------------------------------------------

    /**
     * The organisation's state (one point look-up) beside its cohort's publication for this week
     * ({@link CohortPublications}: published at most once a week, and only when enough members changed).
     */
    @QueryHandler
    Optional<CohortBenchmarkView> handle(FindCohortBenchmarkQuery query) {
        Document state = store.members()
                .find(new Document("_id", query.organizationId().toString()))
                .first();
        if (state == null
                || !state.getList("people", String.class, List.of())
                        .contains(query.viewer().toString())) {
            return Optional.empty();
        }
        String industry = state.getString("industry");
        String smeClass = state.getString("smeClass");
        Integer score = state.getInteger("score");
        Document ownParts = state.get("parts", Document.class);
        Document publication = industry == null ? null : cohorts.publication(industry, smeClass);
        Document figures = publication == null ? null : publication.get("figures", Document.class);
        if (figures == null) {
            List<PartView> parts = ownParts == null
                    ? List.of()
                    : ownParts.keySet().stream()
                            .sorted()
                            .map(p -> new PartView(Integer.parseInt(p), ownParts.getInteger(p), null))
                            .toList();
            return Optional.of(new CohortBenchmarkView(
                    query.organizationId().toString(),
                    industry,
                    smeClass,
                    score,
                    null,
                    true,
                    SuppressionReason.SMALL_GROUP,
                    null,
                    null,
                    null,
                    null,
                    parts));
        }
        long n = count(figures, "members");
        long[] counts = CohortPublications.histogram(figures);
        Double percentile = null;
        if (score != null) {
            long below = 0;
            for (int i = 0; i < score - MIN_SCORE; i++) {
                below += counts[i];
            }
            percentile = 100.0 * (below + counts[score - MIN_SCORE] / 2.0) / n;
        }
        Document cohortParts = sub(figures, "part");
        SortedSet<String> partIds = new TreeSet<>(cohortParts.keySet());
        if (ownParts != null) {
            partIds.addAll(ownParts.keySet());
        }
        List<PartView> parts = partIds.stream()
                .map(p -> {
                    Document part = sub(cohortParts, p);
                    long pn = count(part, "n");
                    return new PartView(
                            Integer.parseInt(p),
                            ownParts == null ? null : ownParts.getInteger(p),
                            pn < threshold ? null : (double) count(part, "sum") / pn);
                })
                .toList();
        return Optional.of(new CohortBenchmarkView(
                query.organizationId().toString(),
                industry,
                smeClass,
                score,
                n,
                false,
                null,
                (double) count(figures, "scoreSum") / n,
                median(counts, n),
                percentile,
                figures.getString("publishedOn"),
                parts));
    }

    // --- attestations ---------------------------------------------------------------------------------------

    /**
     * One point look-up (by id, or by corporate number on its index); the partner's live grant decides, by date in
     * Japan (deny by default). A corporate number that more than one organisation holds (data from before directory
     * kept them unique) is refused with {@code CORPORATE_NUMBER_AMBIGUOUS} rather than answered by one picked at
     * random.
     */
    @QueryHandler
    Optional<AttestationView> handle(FindAttestationQuery query) {
        Document key = query.organizationId() != null
                ? new Document("_id", query.organizationId().toString())
                : new Document("corporateNumber", query.corporateNumber());
        List<Document> found = store.members().find(key).limit(2).into(new ArrayList<>());
        if (found.size() > 1) {
            // directory keeps corporate numbers unique; only data from before that can hold one twice
            throw new HoshiException(
                    "CORPORATE_NUMBER_AMBIGUOUS",
                    ErrorKind.CONFLICT,
                    "More than one organisation is registered with corporate number " + query.corporateNumber()
                            + ", so Hoshi will not pick one. Ask by organizationId instead, and tell the Hoshi"
                            + " operators so they can correct the registrations.",
                    "法人番号 " + query.corporateNumber() + " で複数の組織が登録されているため、一つを選ぶことはできません。"
                            + "organizationId で照会してください。また、登録を修正できるよう Hoshi の運用担当にお知らせください。");
        }
        Document state = found.isEmpty() ? null : found.get(0);
        Document grants = state == null ? null : state.get("partnerGrants", Document.class);
        if (grants == null) {
            return Optional.empty();
        }
        String today = query.today().toString();
        Optional<ConsentScope> scope = grants.values().stream()
                .map(Document.class::cast)
                .filter(g -> g.getString("partner").equals(query.partner().toString()))
                .filter(g -> !g.getBoolean("revoked"))
                .filter(g -> g.getString("start").compareTo(today) <= 0)
                .filter(g -> g.getString("end") == null || g.getString("end").compareTo(today) >= 0)
                .map(g -> ConsentScope.valueOf(g.getString("scope")))
                .max(Enum::compareTo);
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        boolean scores = scope.get().includes(ConsentScope.LEVEL_AND_SCORES);
        String declared = state.getString("declared") == null ? "NONE" : state.getString("declared");
        boolean lapsed = MemberState.lapsed(state);
        return Optional.of(new AttestationView(
                state.getString("_id"),
                query.partner().toString(),
                declared,
                "NONE".equals(declared) ? null : state.getString("declarationId"),
                "NONE".equals(declared) ? null : state.getString("declaredOn"),
                MemberState.standingOf(state),
                lapsed ? state.getString("lapseReason") : null,
                lapsed ? state.getString("lapsedOn") : null,
                scores ? state.getString("sheetOn") : null,
                scores ? state.getString("band") : null,
                scope.get().name()));
    }

    private boolean isAnalyst(String user, String supportOrganization) {
        return store.isAnalyst(user, supportOrganization);
    }

    private static Document sub(Document doc, String field) {
        Document sub = doc.get(field, Document.class);
        return sub == null ? new Document() : sub;
    }

    private static long count(Document doc, String field) {
        Number n = doc.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}

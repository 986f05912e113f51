package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewOverdueEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SecurityActionLevelLapsedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.api.attestation.AttestationView;
import dev.hoshi.insights.api.attestation.FindAttestationQuery;
import dev.hoshi.insights.api.rollup.CohortBenchmarkView;
import dev.hoshi.insights.api.rollup.CohortBenchmarkView.PartView;
import dev.hoshi.insights.api.rollup.FindCohortBenchmarkQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.MemberPageView;
import dev.hoshi.insights.api.rollup.MemberPageView.ItemAnswerView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupSeriesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.BandCountView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ItemRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ItemRatesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.LevelCountsView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ScoreSummaryView;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rollups per support organisation (支援機関), kept incrementally. Each member organisation has one state document
 * ({@code insights_member_state/<organisation>}: declared level, articles, latest organisation-wide sheet, overdue
 * reviews, grants to support organisations). When an event changes it, the member's contribution to each support
 * organisation it grants is computed before and after, and only the difference is added to that support
 * organisation's rollup ({@code insights_rollups/<supportOrg>}) with {@code $inc}. A rollup query is therefore one
 * point look-up, whatever the number of members. The rollup after each change is also copied to the month's
 * snapshot ({@code insights_rollup_history/<supportOrg>:<yyyy-MM>}, overwritten during the month).
 *
 * <p>A redelivered event leaves the member's state as it was, so its difference is zero. A member's state is
 * written with a version check, so a grant (directory's stream) and a score (compliance's stream) of the same
 * member handled at the same time on two threads never overwrite each other.
 */
@Component
@ProcessingGroup("insights-rollups")
class SupportOrganizationRollupProjection {

    static final int MIN_SCORE = -25;
    static final int MAX_SCORE = 100;
    private static final int ARTICLES = 5;
    static final List<String> LEVELS = List.of("NONE", "ONE_STAR_ELIGIBLE", "ONE_STAR_DECLARED", "TWO_STARS_DECLARED");

    private final MongoCollection<Document> members;
    private final MongoCollection<Document> rollups;
    private final MongoCollection<Document> history;
    private final MongoCollection<Document> analysts;
    private final MongoCollection<Document> listing;
    private final MongoCollection<Document> cohorts;
    private final int threshold;
    private final MemberStatusChanges changes;

    SupportOrganizationRollupProjection(
            @Qualifier("serviceDatabase") MongoDatabase db,
            @Value("${hoshi.insights.disclosure-threshold:5}") int threshold,
            MemberStatusChanges changes) {
        this.members = db.getCollection("insights_member_state");
        this.rollups = db.getCollection("insights_rollups");
        this.history = db.getCollection("insights_rollup_history");
        this.analysts = db.getCollection("insights_support_analysts");
        this.listing = db.getCollection("insights_member_listing");
        this.cohorts = db.getCollection("insights_cohorts");
        listing.createIndex(
                new Document("supportOrganization", 1).append("score", -1).append("organization", 1));
        listing.createIndex(
                new Document("supportOrganization", 1).append("levelRank", -1).append("organization", 1));
        this.threshold = threshold;
        this.changes = changes;
    }

    // --- analysts -------------------------------------------------------------------------------------------

    @EventHandler
    void on(SupportOrganizationRegisteredEvent event) {
        addAnalyst(event.analyst().toString(), event.supportOrganizationId().toString());
    }

    @EventHandler
    void on(SupportOrganizationAnalystAddedEvent event) {
        addAnalyst(event.analyst().toString(), event.supportOrganizationId().toString());
    }

    private void addAnalyst(String analyst, String supportOrganization) {
        analysts.updateOne(
                new Document("_id", analyst),
                new Document("$addToSet", new Document("supportOrganizations", supportOrganization)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            s.put("name", event.name());
            addPerson(s, event.owner().toString());
        });
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> addPerson(s, event.member().toString()));
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            List<String> people = new ArrayList<>(s.getList("people", String.class, List.of()));
            people.remove(event.member().toString());
            s.put("people", people);
        });
    }

    @EventHandler
    void on(OrganizationProfileUpdatedEvent event, @Timestamp Instant at) {
        change(
                event.organizationId(),
                at,
                s -> s.put("industry", event.profile().industry().name()));
    }

    private static void addPerson(Document state, String user) {
        Set<String> people = new LinkedHashSet<>(state.getList("people", String.class, List.of()));
        people.add(user);
        state.put("people", new ArrayList<>(people));
    }

    // --- grants (support organisations only; partner grants are not part of a rollup) ------------------------

    @EventHandler
    void on(ConsentGrantedEvent event, @Timestamp Instant at) {
        grant(
                event.organizationId(),
                event.grantId().toString(),
                event.grantee(),
                event.scope(),
                event.startDate(),
                event.endDate(),
                false,
                at);
    }

    @EventHandler
    void on(ConsentScopeChangedEvent event, @Timestamp Instant at) {
        grant(
                event.organizationId(),
                event.grantId().toString(),
                event.grantee(),
                event.scope(),
                event.startDate(),
                event.endDate(),
                false,
                at);
    }

    @EventHandler
    void on(ConsentRevokedEvent event, @Timestamp Instant at) {
        grant(
                event.organizationId(),
                event.grantId().toString(),
                event.grantee(),
                event.scope(),
                event.startDate(),
                event.endDate(),
                true,
                at);
    }

    /** A grant as it now stands: a partner's is kept for attestations, a support organisation's moves the rollup. */
    private void grant(
            TenantId organization,
            String grantId,
            Grantee grantee,
            ConsentScope scope,
            LocalDate start,
            LocalDate end,
            boolean revoked,
            Instant at) {
        partnerGrant(organization, grantId, grantee, scope, start, end, revoked, at);
        if (grantee.kind() == GranteeKind.SUPPORT_ORGANIZATION) {
            change(organization, at, s -> grants(s)
                    .put(
                            grantId,
                            new Document("supportOrganization", grantee.id())
                                    .append("scope", scope.name())
                                    .append("revoked", revoked)));
        }
    }

    /** A partner's grant (kept for attestations; it adds nothing to a rollup). */
    private void partnerGrant(
            TenantId organization,
            String grantId,
            Grantee grantee,
            ConsentScope scope,
            LocalDate start,
            LocalDate end,
            boolean revoked,
            Instant at) {
        if (grantee.kind() != GranteeKind.PARTNER_CLIENT) {
            return;
        }
        change(organization, at, s -> {
            Document grants = s.get("partnerGrants", Document.class);
            if (grants == null) {
                grants = new Document();
                s.put("partnerGrants", grants);
            }
            grants.put(
                    grantId,
                    new Document("partner", grantee.id())
                            .append("scope", scope.name())
                            .append("start", start.toString())
                            .append("end", end == null ? null : end.toString())
                            .append("revoked", revoked));
        });
    }

    // --- the member's security work -------------------------------------------------------------------------

    @EventHandler
    void on(FiveArticlesCommittedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            Set<String> articles = new LinkedHashSet<>(s.getList("articles", String.class, List.of()));
            articles.addAll(event.articles());
            s.put("articles", new ArrayList<>(articles));
        });
    }

    @EventHandler
    void on(DeclarationRecordedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            s.put("declared", event.level().name());
            s.put("declarationId", event.declarationId());
            s.put("declaredOn", event.effectiveOn().toString());
        });
    }

    @EventHandler
    void on(SecurityActionLevelLapsedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            s.put("declared", event.to().name());
            if (event.to() == SecurityActionLevel.NONE) {
                s.remove("declarationId");
                s.remove("declaredOn");
            }
        });
    }

    /** Only organisation-wide sheets count; the latest by effective date (a later recorded one wins a tie). */
    @EventHandler
    void on(SelfAssessmentSubmittedEvent event, @Timestamp Instant at) {
        if (event.unit() != null) {
            return;
        }
        change(event.organizationId(), at, s -> {
            String on = s.getString("sheetOn");
            if (on != null && on.compareTo(event.effectiveOn().toString()) > 0) {
                return;
            }
            s.put("sheetOn", event.effectiveOn().toString());
            s.put("score", event.score());
            s.put("band", event.band());
            Document parts = new Document();
            new TreeMap<>(event.partScores()).forEach((part, score) -> parts.put(part.toString(), score));
            s.put("parts", parts);
            s.put("answers", new Document(new TreeMap<String, Object>(event.answers())));
            removeOverdue(s, ReviewKind.SELF_ASSESSMENT);
        });
    }

    @EventHandler
    void on(ReviewOverdueEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            Set<String> overdue = new LinkedHashSet<>(s.getList("overdue", String.class, List.of()));
            overdue.add(event.kind().name());
            s.put("overdue", new ArrayList<>(overdue));
        });
    }

    @EventHandler
    void on(ReviewCompletedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> removeOverdue(s, event.kind()));
    }

    private static void removeOverdue(Document s, ReviewKind kind) {
        List<String> overdue = new ArrayList<>(s.getList("overdue", String.class, List.of()));
        overdue.remove(kind.name());
        s.put("overdue", overdue);
    }

    private static Document grants(Document state) {
        Document grants = state.get("grants", Document.class);
        if (grants == null) {
            grants = new Document();
            state.put("grants", grants);
        }
        return grants;
    }

    @ResetHandler
    void reset() {
        members.deleteMany(new Document());
        rollups.deleteMany(new Document());
        history.deleteMany(new Document());
        analysts.deleteMany(new Document());
        listing.deleteMany(new Document());
        cohorts.deleteMany(new Document());
    }

    // --- the incremental step -------------------------------------------------------------------------------

    /** Changes the member's state (retrying on a concurrent write), then adds the difference to each rollup. */
    private void change(TenantId organization, Instant at, Consumer<Document> mutation) {
        String id = organization.toString();
        while (true) {
            Document before = members.find(new Document("_id", id)).first();
            long version =
                    before == null ? 0 : before.get("version", Number.class).longValue();
            Document after = before == null ? new Document("_id", id) : Document.parse(before.toJson());
            mutation.accept(after);
            after.put("version", version + 1);
            Map<String, Map<String, Long>> old = contributions(before);
            Map<String, Map<String, Long>> now = contributions(after);
            if (old.equals(now) && before != null && withoutVersion(before).equals(withoutVersion(after))) {
                return; // redelivered or no change
            }
            boolean written;
            if (before == null) {
                try {
                    members.insertOne(after);
                    written = true;
                } catch (com.mongodb.MongoWriteException e) {
                    written = false; // another thread inserted first: retry on its state
                }
            } else {
                written = members.replaceOne(new Document("_id", id).append("version", version), after)
                                .getModifiedCount()
                        == 1;
            }
            if (written) {
                apply(cohorts, difference(cohortContribution(before), cohortContribution(after)));
                Map<String, ConsentScope> scopesNow = scopes(after);
                Set<String> supportOrganizations = new HashSet<>(old.keySet());
                supportOrganizations.addAll(now.keySet());
                for (String supportOrganization : supportOrganizations) {
                    apply(
                            supportOrganization,
                            difference(
                                    old.getOrDefault(supportOrganization, Map.of()),
                                    now.getOrDefault(supportOrganization, Map.of())),
                            at);
                    list(id, supportOrganization, scopesNow.get(supportOrganization), after);
                }
                changes.publish(id, before, after, SupportOrganizationRollupProjection::levelOf, scopesNow, at);
                return;
            }
        }
    }

    /** The member's row in the support organisation's list, holding only what its scope shows. */
    private void list(String organization, String supportOrganization, ConsentScope scope, Document state) {
        Document key = new Document("_id", supportOrganization + "/" + organization);
        if (scope == null) {
            listing.deleteOne(key);
            return;
        }
        String level = levelOf(state);
        Document row = new Document("_id", key.get("_id"))
                .append("supportOrganization", supportOrganization)
                .append("organization", organization)
                .append("name", state.getString("name"))
                .append("scope", scope.name())
                .append("level", level)
                .append("levelRank", LEVELS.indexOf(level));
        if (scope.includes(ConsentScope.LEVEL_AND_SCORES) && state.getInteger("score") != null) {
            row.append("score", state.getInteger("score"))
                    .append("band", state.getString("band"))
                    .append("assessedOn", state.getString("sheetOn"))
                    .append(
                            "overdue",
                            !state.getList("overdue", String.class, List.of()).isEmpty());
        }
        if (scope.includes(ConsentScope.FULL_DETAIL) && state.get("answers") != null) {
            row.append("answers", state.get("answers", Document.class));
        }
        listing.replaceOne(key, row, new ReplaceOptions().upsert(true));
    }

    private static Document withoutVersion(Document d) {
        Document copy = Document.parse(d.toJson());
        copy.remove("version");
        return copy;
    }

    private void apply(String supportOrganization, Map<String, Long> delta, Instant at) {
        if (delta.isEmpty()) {
            return;
        }
        Document inc = new Document();
        delta.forEach(inc::append);
        Document rollup = rollups.findOneAndUpdate(
                new Document("_id", supportOrganization),
                new Document("$inc", inc),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        String month = YearMonth.from(at.atZone(BusinessTime.ZONE)).toString();
        Document snapshot = new Document(rollup);
        snapshot.put("_id", supportOrganization + ":" + month);
        snapshot.put("supportOrganization", supportOrganization);
        snapshot.put("month", month);
        history.replaceOne(new Document("_id", snapshot.get("_id")), snapshot, new ReplaceOptions().upsert(true));
    }

    /** Adds {@code delta} (field paths prefixed with the document id and a colon) to the documents of {@code into}. */
    private static void apply(MongoCollection<Document> into, Map<String, Long> delta) {
        Map<String, Document> byId = new TreeMap<>();
        delta.forEach((path, v) -> {
            int colon = path.indexOf(':');
            byId.computeIfAbsent(path.substring(0, colon), k -> new Document()).append(path.substring(colon + 1), v);
        });
        byId.forEach((id, inc) ->
                into.updateOne(new Document("_id", id), new Document("$inc", inc), new UpdateOptions().upsert(true)));
    }

    /**
     * What the member adds to its industry's cohort: its latest score and part subtotals, when it has an industry, a
     * sheet, and a live grant that includes scores. Prefixed with the cohort id ({@code <industry>:}).
     */
    static Map<String, Long> cohortContribution(Document state) {
        Map<String, Long> c = new TreeMap<>();
        if (state == null || state.getString("industry") == null || state.getInteger("score") == null) {
            return c;
        }
        boolean scores = scopes(state).values().stream().anyMatch(s -> s.includes(ConsentScope.LEVEL_AND_SCORES));
        if (!scores) {
            return c;
        }
        String cohort = state.getString("industry") + ":";
        int score = state.getInteger("score");
        c.put(cohort + "members", 1L);
        c.put(cohort + "scoreSum", (long) score);
        c.put(cohort + "hist." + (score - MIN_SCORE), 1L);
        Document parts = state.get("parts", Document.class);
        if (parts != null) {
            for (String part : parts.keySet()) {
                c.put(
                        cohort + "part." + part + ".sum",
                        parts.get(part, Number.class).longValue());
                c.put(cohort + "part." + part + ".n", 1L);
            }
        }
        return c;
    }

    private static Map<String, Long> difference(Map<String, Long> old, Map<String, Long> now) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((k, v) -> delta.merge(k, v, Long::sum));
        old.forEach((k, v) -> delta.merge(k, -v, Long::sum));
        delta.values().removeIf(v -> v == 0);
        return delta;
    }

    /** What the member adds to each support organisation it grants: counters by field path. */
    static Map<String, Map<String, Long>> contributions(Document state) {
        Map<String, Map<String, Long>> result = new HashMap<>();
        if (state == null) {
            return result;
        }
        Map<String, ConsentScope> scopes = scopes(state);
        scopes.forEach((supportOrganization, scope) -> result.put(supportOrganization, contribution(state, scope)));
        return result;
    }

    /** The widest scope of the member's live grants, per support organisation. */
    static Map<String, ConsentScope> scopes(Document state) {
        Map<String, ConsentScope> scopes = new HashMap<>();
        Document grants = state.get("grants", Document.class);
        if (grants != null) {
            for (String grantId : grants.keySet()) {
                Document g = grants.get(grantId, Document.class);
                if (!g.getBoolean("revoked")) {
                    scopes.merge(
                            g.getString("supportOrganization"),
                            ConsentScope.valueOf(g.getString("scope")),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return scopes;
    }

    private static Map<String, Long> contribution(Document state, ConsentScope scope) {
        Map<String, Long> c = new TreeMap<>();
        c.put("members", 1L);
        c.put("level." + levelOf(state), 1L);
        if (!state.getList("overdue", String.class, List.of()).isEmpty()) {
            c.put("overdue", 1L);
        }
        Integer score = state.getInteger("score");
        if (score != null && scope.includes(ConsentScope.LEVEL_AND_SCORES)) {
            c.put("scored", 1L);
            c.put("scoreSum", score.longValue());
            c.put("hist." + (score - MIN_SCORE), 1L);
            c.put("band." + fieldSafe(state.getString("band")), 1L);
        }
        Document answers = state.get("answers", Document.class);
        if (answers != null && scope.includes(ConsentScope.FULL_DETAIL)) {
            c.put("detailed", 1L);
            for (String item : answers.keySet()) {
                c.put("answered." + fieldSafe(item), 1L);
                if ("DONE".equals(answers.getString(item))) {
                    c.put("done." + fieldSafe(item), 1L);
                }
            }
        }
        return c;
    }

    static String levelOf(Document state) {
        String declared = state.getString("declared");
        if ("TWO_STARS".equals(declared)) {
            return "TWO_STARS_DECLARED";
        }
        if ("ONE_STAR".equals(declared)) {
            return "ONE_STAR_DECLARED";
        }
        return state.getList("articles", String.class, List.of()).size() >= ARTICLES ? "ONE_STAR_ELIGIBLE" : "NONE";
    }

    private static String fieldSafe(String key) {
        return key == null ? "UNKNOWN" : key.replace('.', '_').replace('$', '_');
    }

    // --- reading --------------------------------------------------------------------------------------------

    @QueryHandler
    Optional<SupportOrganizationRollupView> handle(FindSupportOrganizationRollupQuery query) {
        String supportOrganization = query.supportOrganizationId().toString();
        if (!isAnalyst(query.viewer().toString(), supportOrganization)) {
            return Optional.empty(); // not its analyst: as if it did not exist
        }
        if (query.asOf() == null) {
            Document doc =
                    rollups.find(new Document("_id", supportOrganization)).first();
            return Optional.of(view(supportOrganization, null, doc == null ? new Document() : doc));
        }
        return Optional.of(snapshot(supportOrganization, YearMonth.from(query.asOf())));
    }

    /** One indexed look-up per month (the series is capped by the caller). */
    @QueryHandler
    Optional<SupportOrganizationRollupSeriesView> handle(FindSupportOrganizationRollupSeriesQuery query) {
        String supportOrganization = query.supportOrganizationId().toString();
        if (!isAnalyst(query.viewer().toString(), supportOrganization)) {
            return Optional.empty();
        }
        List<SupportOrganizationRollupView> months = new ArrayList<>();
        for (YearMonth m = query.from(); !m.isAfter(query.to()); m = m.plusMonths(1)) {
            months.add(snapshot(supportOrganization, m));
        }
        return Optional.of(new SupportOrganizationRollupSeriesView(months));
    }

    /** One indexed range read of the support organisation's rows, one page long. */
    @QueryHandler
    Optional<MemberPageView> handle(ListSupportOrganizationMembersQuery query) {
        String supportOrganization = query.supportOrganizationId().toString();
        if (!isAnalyst(query.viewer().toString(), supportOrganization)) {
            return Optional.empty();
        }
        Document filter = new Document("supportOrganization", supportOrganization);
        if (query.level() != null) {
            filter.append("level", query.level());
        }
        Document sort = query.sort() == ListSupportOrganizationMembersQuery.MemberSort.LEVEL
                ? new Document("levelRank", -1).append("score", -1).append("organization", 1)
                : new Document("score", -1).append("organization", 1);
        List<MemberView> page = new ArrayList<>();
        for (Document row : listing.find(filter).sort(sort).skip(query.offset()).limit(query.limit() + 1)) {
            page.add(member(row));
        }
        boolean hasNext = page.size() > query.limit();
        return Optional.of(
                new MemberPageView(hasNext ? page.subList(0, query.limit()) : page, query.offset(), hasNext));
    }

    private static MemberView member(Document row) {
        Document answers = row.get("answers", Document.class);
        return new MemberView(
                row.getString("organization"),
                row.getString("name"),
                row.getString("scope"),
                row.getString("level"),
                row.getInteger("score"),
                row.getString("band"),
                row.getString("assessedOn"),
                row.getBoolean("overdue"),
                answers == null
                        ? null
                        : answers.keySet().stream()
                                .sorted(Comparator.comparingInt(SupportOrganizationRollupProjection::itemOrder)
                                        .thenComparing(Comparator.naturalOrder()))
                                .map(item -> new ItemAnswerView(item, answers.getString(item)))
                                .toList());
    }

    /** Two point look-ups: the organisation's state and its cohort. */
    @QueryHandler
    Optional<CohortBenchmarkView> handle(FindCohortBenchmarkQuery query) {
        Document state = members.find(new Document("_id", query.organizationId().toString()))
                .first();
        if (state == null
                || !state.getList("people", String.class, List.of())
                        .contains(query.viewer().toString())) {
            return Optional.empty();
        }
        String industry = state.getString("industry");
        Integer score = state.getInteger("score");
        Document cohort = industry == null
                ? null
                : cohorts.find(new Document("_id", industry)).first();
        long n = cohort == null ? 0 : count(cohort, "members");
        Document ownParts = state.get("parts", Document.class);
        if (n < threshold) {
            List<PartView> parts = ownParts == null
                    ? List.of()
                    : ownParts.keySet().stream()
                            .sorted()
                            .map(p -> new PartView(Integer.parseInt(p), ownParts.getInteger(p), null))
                            .toList();
            return Optional.of(new CohortBenchmarkView(
                    query.organizationId().toString(), industry, score, n, true, null, null, null, parts));
        }
        Document hist = sub(cohort, "hist");
        long[] counts = new long[MAX_SCORE - MIN_SCORE + 1];
        for (String key : hist.keySet()) {
            counts[Integer.parseInt(key)] = count(hist, key);
        }
        Double percentile = null;
        if (score != null) {
            long below = 0;
            for (int i = 0; i < score - MIN_SCORE; i++) {
                below += counts[i];
            }
            percentile = 100.0 * (below + counts[score - MIN_SCORE] / 2.0) / n;
        }
        Document cohortParts = sub(cohort, "part");
        java.util.SortedSet<String> partIds = new java.util.TreeSet<>(cohortParts.keySet());
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
                score,
                n,
                false,
                (double) count(cohort, "scoreSum") / n,
                median(counts, n),
                percentile,
                parts));
    }

    /** One point look-up; the partner's live grant decides, by date in Japan (deny by default). */
    @QueryHandler
    Optional<AttestationView> handle(FindAttestationQuery query) {
        Document state = members.find(new Document("_id", query.organizationId().toString()))
                .first();
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
        return Optional.of(new AttestationView(
                query.organizationId().toString(),
                query.partner().toString(),
                declared,
                "NONE".equals(declared) ? null : state.getString("declarationId"),
                "NONE".equals(declared) ? null : state.getString("declaredOn"),
                scores ? state.getString("sheetOn") : null,
                scores ? state.getString("band") : null,
                scope.get().name()));
    }

    private boolean isAnalyst(String user, String supportOrganization) {
        Document analyst = analysts.find(new Document("_id", user)).first();
        return analyst != null
                && analyst.getList("supportOrganizations", String.class).contains(supportOrganization);
    }

    /** The latest snapshot at or before {@code yearMonth}: the rollup as it stood at the end of that month. */
    private SupportOrganizationRollupView snapshot(String supportOrganization, YearMonth yearMonth) {
        String month = yearMonth.toString();
        Document doc = history.find(new Document(
                        "_id",
                        new Document("$gte", supportOrganization + ":")
                                .append("$lte", supportOrganization + ":" + month)))
                .sort(new Document("_id", -1))
                .limit(1)
                .first();
        return view(supportOrganization, month, doc == null ? new Document() : doc);
    }

    private SupportOrganizationRollupView view(String supportOrganization, String month, Document doc) {
        long consenting = count(doc, "members");
        boolean suppressed = consenting < threshold;
        Document level = sub(doc, "level");
        LevelCountsView levels = suppressed
                ? null
                : new LevelCountsView(
                        count(level, "NONE"),
                        count(level, "ONE_STAR_ELIGIBLE"),
                        count(level, "ONE_STAR_DECLARED"),
                        count(level, "TWO_STARS_DECLARED"));
        return new SupportOrganizationRollupView(
                supportOrganization,
                month,
                threshold,
                consenting,
                suppressed,
                levels,
                suppressed ? null : count(doc, "overdue"),
                scores(doc),
                items(doc));
    }

    private ScoreSummaryView scores(Document doc) {
        long scored = count(doc, "scored");
        if (scored < threshold) {
            return new ScoreSummaryView(scored, true, null, null, null);
        }
        Document hist = sub(doc, "hist");
        long[] counts = new long[MAX_SCORE - MIN_SCORE + 1];
        for (String key : hist.keySet()) {
            counts[Integer.parseInt(key)] = count(hist, key);
        }
        Document band = sub(doc, "band");
        List<BandCountView> bands = band.keySet().stream()
                .filter(b -> count(band, b) > 0)
                .sorted()
                .map(b -> new BandCountView(b, count(band, b)))
                .toList();
        return new ScoreSummaryView(
                scored, false, (double) count(doc, "scoreSum") / scored, median(counts, scored), bands);
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

    private ItemRatesView items(Document doc) {
        long detailed = count(doc, "detailed");
        if (detailed < threshold) {
            return new ItemRatesView(detailed, true, null);
        }
        Document done = sub(doc, "done");
        Document answered = sub(doc, "answered");
        List<ItemRateView> rates = answered.keySet().stream()
                .filter(item -> count(answered, item) > 0)
                .sorted(Comparator.comparingInt(SupportOrganizationRollupProjection::itemOrder)
                        .thenComparing(Comparator.naturalOrder()))
                .map(item -> new ItemRateView(item, (double) count(done, item) / detailed))
                .toList();
        return new ItemRatesView(detailed, false, rates);
    }

    /** Q1..Q25 in number order; anything else after them. */
    private static int itemOrder(String item) {
        try {
            return Integer.parseInt(item.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
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

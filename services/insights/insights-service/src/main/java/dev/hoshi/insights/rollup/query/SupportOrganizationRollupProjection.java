package dev.hoshi.insights.rollup.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.axon.ReadModelLayout;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Rollups per support organisation (支援機関), kept incrementally. Each member organisation has one state document
 * ({@code insights_member_state/<organisation>}: profile facts, compliance's latest SECURITY ACTION status (declared
 * level, standing, eligible level, latest organisation-wide sheet, whether a review is overdue), control statuses,
 * grants). The status is stored as compliance published it in {@link SecurityActionStatusChangedEvent}; insights
 * derives no level rule from compliance's raw events. When an event changes it, the member's
 * contribution to each slice of each support organisation it grants ({@link MemberState}) is computed before and
 * after, and only the difference is added to that slice's rollup ({@code insights_rollups/<slice>}) with
 * {@code $inc}. A rollup query is therefore one point look-up, whatever the number of members. The rollup after each
 * change is also copied to the month's snapshot ({@code insights_rollup_history/<slice>:<yyyy-MM>}, overwritten
 * during the month). {@link SupportOrganizationRollupQueries} reads all of it.
 *
 * <p>A redelivered event leaves the member's state as it was, so its difference is zero. A member's state is
 * written with a version check, so a grant (directory's stream) and a score (compliance's stream) of the same
 * member handled at the same time on two threads never overwrite each other.
 *
 * <p>The processing group's name carries the layout's version: a new layout gets a new name, so its tracking token
 * starts empty and the projection is rebuilt from the first event.
 */
@Component
@ProcessingGroup(SupportOrganizationRollupProjection.PROCESSING_GROUP)
class SupportOrganizationRollupProjection {

    static final String PROCESSING_GROUP = "insights-rollups-v4";

    private final RollupCollections store;
    private final SmeDefinitions smeDefinitions;
    private final Edition edition;
    private final Clock clock;
    private final MemberStatusChanges changes;

    SupportOrganizationRollupProjection(
            @Qualifier("serviceDatabase") MongoDatabase db,
            SmeDefinitions smeDefinitions,
            Catalog catalog,
            Clock clock,
            MemberStatusChanges changes) {
        this.store = RollupCollections.in(db);
        this.clock = clock;
        this.changes = changes;
        this.smeDefinitions = smeDefinitions;
        this.edition = catalog.current();
        ReadModelLayout.startOn(db.getCollection("insights_layout"), "rollups", PROCESSING_GROUP, this::reset);
        store.members().createIndex(new Document("corporateNumber", 1), new IndexOptions().sparse(true));
        for (String sort : List.of("score", "levelRank", "assessedOn", "overdueRank")) {
            store.listing()
                    .createIndex(new Document("supportOrganization", 1)
                            .append(sort, -1)
                            .append("organization", 1));
        }
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

    /** The removed analyst reads nothing more, and their open subscriptions end. */
    @EventHandler
    void on(SupportOrganizationAnalystRemovedEvent event) {
        String analyst = event.analyst().toString();
        String supportOrganization = event.supportOrganizationId().toString();
        store.analysts()
                .updateOne(
                        new Document("_id", analyst),
                        new Document("$pull", new Document("supportOrganizations", supportOrganization)));
        changes.analystRemoved(supportOrganization, analyst);
    }

    private void addAnalyst(String analyst, String supportOrganization) {
        store.analysts()
                .updateOne(
                        new Document("_id", analyst),
                        new Document("$addToSet", new Document("supportOrganizations", supportOrganization)),
                        new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            s.put("name", event.name());
            if (event.corporateNumber() != null) {
                s.put("corporateNumber", event.corporateNumber().value());
            }
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
        OrganizationProfile profile = event.profile();
        String smeClass = smeDefinitions
                .classify(profile.industry(), profile.smeSector(), profile.employees(), profile.capitalYen())
                .map(Enum::name)
                .orElse(null);
        change(event.organizationId(), at, s -> {
            s.put("industry", profile.industry().name());
            s.put("smeClass", smeClass);
            s.put(
                    "prefecture",
                    profile.prefecture() == null ? null : profile.prefecture().code());
        });
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
            schedule(organization, start);
            if (end != null) {
                schedule(organization, end.plusDays(1));
            }
            change(organization, at, s -> grants(s)
                    .put(
                            grantId,
                            new Document("supportOrganization", grantee.id())
                                    .append("scope", scope.name())
                                    .append("start", start.toString())
                                    .append("end", end == null ? null : end.toString())
                                    .append("revoked", revoked)));
        }
    }

    /** Notes that the member's live grants change on {@code day}, for {@link GrantCalendar} to re-evaluate it then. */
    private void schedule(TenantId organization, LocalDate day) {
        store.calendar()
                .updateOne(
                        new Document("_id", day.toString()),
                        new Document("$addToSet", new Document("organizations", organization.toString())),
                        new UpdateOptions().upsert(true));
    }

    /**
     * Re-evaluates the member's grants on today's date: a grant that started or ended since the state was last
     * evaluated moves the member in or out of the support organisation's rollup and list.
     */
    void reevaluate(TenantId organization) {
        if (store.members().find(new Document("_id", organization.toString())).first() != null) {
            change(organization, Instant.now(clock), s -> {});
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

    /** Compliance's conclusion, stored as it is: it replaces whatever the previous status said. */
    @EventHandler
    void on(SecurityActionStatusChangedEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> MemberState.record(s, event.status()));
    }

    /** Controls of the current edition only: the chapters a rollup reports are that edition's. */
    @EventHandler
    void on(ControlStatusUpdatedEvent event, @Timestamp Instant at) {
        if (!edition.edition().equals(event.edition())
                || edition.control(event.controlId()).isEmpty()) {
            return;
        }
        change(event.organizationId(), at, s -> {
            Document controls = s.get("controls", Document.class);
            if (controls == null) {
                controls = new Document();
                s.put("controls", controls);
            }
            controls.put(
                    MemberState.fieldSafe(event.controlId()), event.status().name());
        });
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
        store.all().forEach(collection -> collection.deleteMany(new Document()));
    }

    // --- the incremental step -------------------------------------------------------------------------------

    /**
     * Changes the member's state (retrying on a concurrent write), notes a decline, then adds the difference to each
     * slice, cohort and list row the member is in.
     */
    private void change(TenantId organization, Instant at, Consumer<Document> mutation) {
        String id = organization.toString();
        while (true) {
            Document before = store.members().find(new Document("_id", id)).first();
            long version =
                    before == null ? 0 : before.get("version", Number.class).longValue();
            Document after = before == null ? new Document("_id", id) : Document.parse(before.toJson());
            mutation.accept(after);
            after.put("evaluatedOn", BusinessTime.today(clock).toString());
            MemberState.recordDecline(before, after, at);
            after.put("version", version + 1);
            if (before != null && withoutVersion(before).equals(withoutVersion(after))) {
                return; // redelivered or no change
            }
            if (!write(before, after, version)) {
                continue; // another thread changed it first: again, on its state
            }
            Map<String, Map<String, Long>> old = MemberState.contributions(before, edition);
            Map<String, Map<String, Long>> now = MemberState.contributions(after, edition);
            apply(
                    store.cohorts(),
                    MemberState.difference(
                            MemberState.cohortContribution(before), MemberState.cohortContribution(after)));
            Set<String> slices = new TreeSet<>(old.keySet());
            slices.addAll(now.keySet());
            for (String slice : slices) {
                snapshot(
                        slice,
                        MemberState.difference(old.getOrDefault(slice, Map.of()), now.getOrDefault(slice, Map.of())),
                        at);
            }
            Map<String, ConsentScope> scopesBefore = MemberState.scopes(before);
            Map<String, ConsentScope> scopesNow = MemberState.scopes(after);
            Set<String> supportOrganizations = new TreeSet<>(scopesBefore.keySet());
            supportOrganizations.addAll(scopesNow.keySet());
            for (String supportOrganization : supportOrganizations) {
                list(id, supportOrganization, scopesNow.get(supportOrganization), after);
            }
            changes.publish(id, before, after, MemberState::levelOf, scopesNow, at);
            return;
        }
    }

    /** Inserts or compare-and-sets the state; false when another thread wrote first. */
    private boolean write(Document before, Document after, long version) {
        if (before == null) {
            try {
                store.members().insertOne(after);
                return true;
            } catch (MongoWriteException e) {
                return false;
            }
        }
        return store.members()
                        .replaceOne(new Document("_id", after.get("_id")).append("version", version), after)
                        .getModifiedCount()
                == 1;
    }

    /** The member's row in the support organisation's list, holding only what its scope shows. */
    private void list(String organization, String supportOrganization, ConsentScope scope, Document state) {
        Document key = new Document("_id", supportOrganization + "/" + organization);
        if (scope == null) {
            store.listing().deleteOne(key);
            return;
        }
        String level = MemberState.levelOf(state);
        String declared = state.getString("declared");
        Document row = new Document("_id", key.get("_id"))
                .append("supportOrganization", supportOrganization)
                .append("organization", organization)
                .append("name", state.getString("name"))
                .append("scope", scope.name())
                .append("industry", state.getString("industry"))
                .append("smeClass", state.getString("smeClass"))
                .append("prefecture", state.getString("prefecture"))
                .append("level", level)
                .append("levelRank", MemberState.LEVELS.indexOf(level))
                .append("declaredLevel", declared == null ? "NONE" : declared)
                .append("standing", MemberState.standingOf(state));
        if (MemberState.lapsed(state)) {
            row.append("lapseReason", state.getString("lapseReason")).append("lapsedOn", state.getString("lapsedOn"));
        }
        if (scope.includes(ConsentScope.LEVEL_AND_SCORES) && state.getInteger("score") != null) {
            boolean overdue = MemberState.overdue(state);
            row.append("score", state.getInteger("score"))
                    .append("band", state.getString("band"))
                    .append("assessedOn", state.getString("sheetOn"))
                    .append("overdue", overdue)
                    .append("overdueRank", overdue ? 1 : 0);
        }
        if (scope.includes(ConsentScope.FULL_DETAIL) && state.get("answers") != null) {
            row.append("answers", state.get("answers", Document.class));
        }
        store.listing().replaceOne(key, row, new ReplaceOptions().upsert(true));
    }

    private static Document withoutVersion(Document d) {
        Document copy = Document.parse(d.toJson());
        copy.remove("version");
        return copy;
    }

    /**
     * Adds {@code delta} to the slice's rollup, then copies the rollup to the month's snapshot. Each change bumps the
     * rollup's {@code rev}; a snapshot is only replaced by one with a higher {@code rev}, so two threads finishing in
     * the other order cannot leave an older copy behind.
     */
    private void snapshot(String slice, Map<String, Long> delta, Instant at) {
        if (delta.isEmpty()) {
            return;
        }
        Document inc = new Document("rev", 1L);
        delta.forEach(inc::append);
        store.rollups()
                .updateOne(new Document("_id", slice), new Document("$inc", inc), new UpdateOptions().upsert(true));
        Document rollup = store.rollups().find(new Document("_id", slice)).first();
        String month = MemberState.periodsOf(at).get(0);
        Document snapshot = new Document(rollup);
        snapshot.put("_id", slice + ":" + month);
        snapshot.put("slice", slice);
        snapshot.put("month", month);
        try {
            store.history()
                    .replaceOne(
                            new Document("_id", snapshot.get("_id"))
                                    .append(
                                            "rev",
                                            new Document(
                                                    "$lt",
                                                    rollup.get("rev", Number.class)
                                                            .longValue())),
                            snapshot,
                            new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a later change already wrote a newer snapshot of this month
        }
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
}

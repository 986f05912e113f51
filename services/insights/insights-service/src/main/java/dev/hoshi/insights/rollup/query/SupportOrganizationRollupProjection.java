package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
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
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.axon.ReadModelLayout;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * {@code $inc}. A rollup query is therefore one point look-up, whatever the number of members. The same difference
 * is added to the slice's month of the event ({@code insights_rollup_history/<slice>:<yyyy-MM>}): a month's document
 * holds that month's changes, and the rollup as of a month is the sum of its months up to there, whatever order the
 * segments handled them in. {@link SupportOrganizationRollupQueries} reads all of it.
 *
 * <p>A redelivered event leaves the member's state as it was, so its difference is zero. All of a member's events,
 * whichever stream they come from, are handled by one segment in global order ({@link MemberSequencing}). A member's
 * state is still written with a version check, so the grant calendar's re-evaluation ({@link #reevaluate}) and the
 * processor writing the same member at once never overwrite each other.
 *
 * <p>The processing group's name carries the layout's version: a new layout gets a new name, so its tracking token
 * starts empty and the projection is rebuilt from the first event.
 */
@Component
@ProcessingGroup(SupportOrganizationRollupProjection.PROCESSING_GROUP)
class SupportOrganizationRollupProjection {

    static final String PROCESSING_GROUP = "insights-rollups-v9";

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
        ReadModelLayout.startOn(db.getCollection("insights_layout"), "rollups", PROCESSING_GROUP, () -> {
            reset();
            store.dropOlderLayoutIndexes();
        });
        store.createCompareAndSetIndexes();
        store.members().createIndex(new Document("corporateNumber", 1), new IndexOptions().sparse(true));
        for (MemberSort sort : MemberSort.values()) {
            store.listing().createIndex(new Document("supportOrganization", 1).append("rank." + sort.name(), 1));
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
        // through the batch, as adds are: an add and a remove of the same analyst in one batch end as the later one
        batch(b -> {
            b.removeAnalyst(analyst, supportOrganization);
            b.then(() -> changes.analystRemoved(supportOrganization, analyst));
        });
    }

    private void addAnalyst(String analyst, String supportOrganization) {
        batch(b -> b.addAnalyst(analyst, supportOrganization));
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
        // either kind starts and ends on its dates (a partner's for its webhooks' grant started / ended)
        schedule(organization, start);
        if (end != null) {
            schedule(organization, end.plusDays(1));
        }
        partnerGrant(organization, grantId, grantee, scope, start, end, revoked, at);
        if (grantee.kind() == GranteeKind.SUPPORT_ORGANIZATION) {
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
        batch(b -> b.schedule(organization.toString(), day.toString()));
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

    /** The executive's confirmation of a key action (経営者編) of the current edition; others are not reported. */
    @EventHandler
    void on(KeyActionConfirmedEvent event, @Timestamp Instant at) {
        if (!edition.edition().equals(event.edition()) || !MemberState.isKeyAction(edition, event.actionId())) {
            return;
        }
        change(event.organizationId(), at, s -> {
            Set<String> actions = new TreeSet<>(s.getList("keyActions", String.class, List.of()));
            actions.add(event.actionId());
            s.put("keyActions", new ArrayList<>(actions));
        });
    }

    @EventHandler
    void on(KeyActionWithdrawnEvent event, @Timestamp Instant at) {
        change(event.organizationId(), at, s -> {
            List<String> actions = new ArrayList<>(s.getList("keyActions", String.class, List.of()));
            if (actions.remove(event.actionId())) {
                s.put("keyActions", actions);
            }
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
     * Notes a change of the member's state in the batch's writes ({@link RollupBatch}): the state is changed, a
     * decline noted and the difference added to each slice, cohort and list row the member is in when the batch is
     * written (at once outside a processor's batch).
     */
    private void change(TenantId organization, Instant at, Consumer<Document> mutation) {
        batch(b -> b.change(organization.toString(), at, mutation));
    }

    private void batch(Consumer<RollupBatch> change) {
        ProjectionBatch.write(this, () -> new RollupBatch(store, edition, clock, changes), change);
    }
}

package dev.hoshi.directory.support.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.FindMembershipQuery;
import dev.hoshi.directory.api.support.ListOrganizationMembershipsQuery;
import dev.hoshi.directory.api.support.ListSupportOrganizationMembershipsQuery;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipDeclinedEvent;
import dev.hoshi.directory.api.support.MembershipParty;
import dev.hoshi.directory.api.support.MembershipProposedEvent;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.MembershipStatus;
import dev.hoshi.directory.api.support.MembershipView;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Memberships between SME organisations and support organisations, as both sides list them. One document per pair
 * ({@code _id} {@code <supportOrganizationId>/<organizationId>}, a point look-up for "is this SME a member"), an
 * index naming each party's pairs (kept with {@code $addToSet}, so events of different support organisations never
 * overwrite each other): one document per organisation ({@code organization/<id>}), and per support organisation a
 * set in small documents ({@code support/<id>#<n>}, {@link BucketedSets}: it grows with the members), and the
 * parties' names. Lists are the index read and one {@code $in} over the pairs. Written per batch of events
 * ({@link MembershipBatch}).
 */
@Component
@ProcessingGroup("directory-memberships")
class MembershipProjection {

    static final String ORGANIZATION = "organization/";
    static final String SUPPORT = "support/";

    private final MongoCollection<Document> memberships;
    private final MongoCollection<Document> index;
    /** A support organisation's pairs, as many as its members: in small documents ({@link BucketedSets}). */
    private final BucketedSets supportIndex;

    private final MongoCollection<Document> parties;

    MembershipProjection(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.memberships = db.getCollection("memberships");
        this.index = db.getCollection("membership_index");
        this.supportIndex = new BucketedSets(index, "pairs");
        this.parties = db.getCollection("membership_parties");
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event) {
        write(batch -> batch.name(ORGANIZATION + event.organizationId(), event.name()));
    }

    @EventHandler
    void on(SupportOrganizationRegisteredEvent event) {
        write(batch -> batch.name(SUPPORT + event.supportOrganizationId(), event.name()));
    }

    @EventHandler
    void on(MembershipRecordedEvent event, @Timestamp Instant at) {
        save(event.supportOrganizationId(), event.member(), MembershipStatus.ACTIVE, null, true, at);
    }

    @EventHandler
    void on(MembershipProposedEvent event, @Timestamp Instant at) {
        boolean organizationActed = event.proposedBy() == MembershipParty.ORGANIZATION;
        save(
                event.supportOrganizationId(),
                event.organizationId(),
                MembershipStatus.PENDING,
                event.proposedBy(),
                organizationActed,
                at);
    }

    @EventHandler
    void on(MembershipAcceptedEvent event, @Timestamp Instant at) {
        MembershipParty proposedBy = event.acceptedBy() == MembershipParty.ORGANIZATION
                ? MembershipParty.SUPPORT_ORGANIZATION
                : MembershipParty.ORGANIZATION;
        save(event.supportOrganizationId(), event.organizationId(), MembershipStatus.ACTIVE, proposedBy, true, at);
    }

    @EventHandler
    void on(MembershipDeclinedEvent event, @Timestamp Instant at) {
        MembershipParty proposedBy = event.declinedBy() == MembershipParty.ORGANIZATION
                ? MembershipParty.SUPPORT_ORGANIZATION
                : MembershipParty.ORGANIZATION;
        save(event.supportOrganizationId(), event.organizationId(), MembershipStatus.DECLINED, proposedBy, true, at);
    }

    @ResetHandler
    void reset() {
        memberships.deleteMany(new Document());
        index.deleteMany(new Document());
        parties.deleteMany(new Document());
    }

    @QueryHandler
    Optional<MembershipView> handle(FindMembershipQuery query) {
        Document doc = memberships
                .find(new Document("_id", pairId(query.supportOrganizationId(), query.organizationId())))
                .first();
        return doc == null ? Optional.empty() : views(List.of(doc)).stream().findFirst();
    }

    @QueryHandler
    List<MembershipView> handle(ListOrganizationMembershipsQuery query) {
        return list(ORGANIZATION + query.organizationId());
    }

    @QueryHandler
    List<MembershipView> handle(ListSupportOrganizationMembershipsQuery query) {
        return list(SUPPORT + query.supportOrganizationId());
    }

    private List<MembershipView> list(String indexId) {
        List<String> pairs;
        if (indexId.startsWith(SUPPORT)) {
            pairs = new ArrayList<>(supportIndex.members(indexId));
        } else {
            Document entry = index.find(new Document("_id", indexId)).first();
            pairs = entry == null ? List.of() : entry.getList("pairs", String.class);
        }
        if (pairs.isEmpty()) {
            return List.of();
        }
        List<Document> docs = new ArrayList<>();
        memberships.find(new Document("_id", new Document("$in", pairs))).forEach(docs::add);
        List<MembershipView> views = new ArrayList<>(views(docs));
        views.sort(Comparator.comparing(MembershipView::updatedAt).reversed());
        return views;
    }

    private List<MembershipView> views(List<Document> docs) {
        List<String> partyIds = new ArrayList<>();
        for (Document doc : docs) {
            partyIds.add(SUPPORT + doc.getString("supportOrganizationId"));
            partyIds.add(ORGANIZATION + doc.getString("organizationId"));
        }
        Map<String, String> names = new HashMap<>();
        parties.find(new Document("_id", new Document("$in", partyIds)))
                .forEach(p -> names.put(p.getString("_id"), p.getString("name")));
        return docs.stream()
                .map(doc -> new MembershipView(
                        doc.getString("supportOrganizationId"),
                        names.get(SUPPORT + doc.getString("supportOrganizationId")),
                        doc.getString("organizationId"),
                        // an unanswered invitation must not tell whether the organisation exists
                        doc.getBoolean("organizationActed", false)
                                ? names.get(ORGANIZATION + doc.getString("organizationId"))
                                : null,
                        MembershipStatus.valueOf(doc.getString("status")),
                        doc.getString("proposedBy") == null
                                ? null
                                : MembershipParty.valueOf(doc.getString("proposedBy")),
                        doc.getDate("updatedAt").toInstant()))
                .toList();
    }

    private void save(
            SupportOrganizationId support,
            TenantId organization,
            MembershipStatus status,
            MembershipParty proposedBy,
            boolean organizationActed,
            Instant at) {
        MembershipBatch.Change change = new MembershipBatch.Change(
                pairId(support, organization),
                support.toString(),
                organization.toString(),
                status,
                proposedBy,
                organizationActed,
                at);
        write(batch -> batch.change(change));
    }

    private void write(Consumer<MembershipBatch> change) {
        ProjectionBatch.write(this, () -> new MembershipBatch(memberships, index, supportIndex, parties), change);
    }

    private static String pairId(SupportOrganizationId support, TenantId organization) {
        return support + "/" + organization;
    }
}

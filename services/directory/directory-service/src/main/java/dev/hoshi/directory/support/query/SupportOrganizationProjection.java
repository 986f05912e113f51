package dev.hoshi.directory.support.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.support.FindSupportOrganizationQuery;
import dev.hoshi.directory.api.support.ListSupportOrganizationsQuery;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationView;
import dev.hoshi.platform.personal.ReadModelErasure;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Support organisations with their analysts, one document each keyed by id, and their (active) members, a set each in
 * small documents ({@code support_organization_members/<id>#<n>}, {@link BucketedSets}: it grows with the members;
 * earlier versions kept them in the organisation's document, still read). Pending and declined memberships are in the
 * memberships read model.
 */
@Component
@ProcessingGroup("directory-support-organizations")
class SupportOrganizationProjection {

    private final MongoCollection<Document> supportOrganizations;
    private final MongoCollection<Document> memberDocuments;
    private final BucketedSets members;
    private final ReadModelErasure erasure;

    SupportOrganizationProjection(@Qualifier("serviceDatabase") MongoDatabase db, ReadModelErasure erasure) {
        this.supportOrganizations = db.getCollection("support_organizations");
        this.memberDocuments = db.getCollection("support_organization_members");
        this.members = new BucketedSets(memberDocuments, "members");
        this.erasure = erasure;
    }

    @EventHandler
    void on(SupportOrganizationRegisteredEvent event) {
        String id = event.supportOrganizationId().toString();
        Document doc = new Document("_id", id)
                .append("name", event.name())
                .append("nameEn", event.nameEn())
                .append("kind", event.kind().name())
                .append("analysts", List.of(event.analyst().toString()));
        supportOrganizations.replaceOne(new Document("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(SupportOrganizationAnalystAddedEvent event) {
        supportOrganizations.updateOne(
                new Document("_id", event.supportOrganizationId().toString()),
                new Document(
                        "$addToSet", new Document("analysts", event.analyst().toString())));
    }

    @EventHandler
    void on(SupportOrganizationAnalystRemovedEvent event) {
        supportOrganizations.updateOne(
                new Document("_id", event.supportOrganizationId().toString()),
                new Document("$pull", new Document("analysts", event.analyst().toString())));
    }

    @EventHandler
    void on(MembershipRecordedEvent event) {
        addMember(event.supportOrganizationId().toString(), event.member().toString());
    }

    @EventHandler
    void on(MembershipAcceptedEvent event) {
        addMember(
                event.supportOrganizationId().toString(), event.organizationId().toString());
    }

    private void addMember(String supportOrganization, String member) {
        members.add(supportOrganization, member);
    }

    /** An erased person's user id reads as erased here too (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(
                supportOrganizations, Set.of("analysts"), event.subjectDigest(), event.keyId(), event.erasedAs());
    }

    @ResetHandler
    void reset() {
        supportOrganizations.deleteMany(new Document());
        memberDocuments.deleteMany(new Document());
    }

    @QueryHandler
    List<SupportOrganizationView> handle(ListSupportOrganizationsQuery query) {
        return views(supportOrganizations.find().into(new ArrayList<>()));
    }

    @QueryHandler
    Optional<SupportOrganizationView> handle(FindSupportOrganizationQuery query) {
        Document doc = supportOrganizations
                .find(new Document("_id", query.supportOrganizationId().toString()))
                .first();
        return doc == null ? Optional.empty() : Optional.of(views(List.of(doc)).get(0));
    }

    /** The documents with their members: one more read for all of them. */
    private List<SupportOrganizationView> views(List<Document> docs) {
        Map<String, Set<String>> membersOf =
                members.membersOf(docs.stream().map(doc -> doc.getString("_id")).toList());
        List<SupportOrganizationView> views = new ArrayList<>();
        for (Document doc : docs) {
            Set<String> all = new TreeSet<>(doc.getList("members", String.class, List.of())); // an earlier version's
            all.addAll(membersOf.get(doc.getString("_id")));
            views.add(new SupportOrganizationView(
                    doc.getString("_id"),
                    doc.getString("name"),
                    doc.getString("nameEn"),
                    SupportOrganizationKind.valueOf(doc.getString("kind")),
                    doc.getList("analysts", String.class),
                    List.copyOf(all)));
        }
        return views;
    }
}

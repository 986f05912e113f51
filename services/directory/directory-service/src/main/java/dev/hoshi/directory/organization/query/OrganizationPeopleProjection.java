package dev.hoshi.directory.organization.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.organization.FindOrganizationMemberQuery;
import dev.hoshi.directory.api.organization.ListOrganizationMembersQuery;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRoleChangedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberView;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * The people of each organisation with their roles: one document per organisation, keyed by its id, so both "who
 * is in it" and "is this person in it" are one point look-up. Every service's access checks start here.
 */
@Component
@ProcessingGroup("directory-organization-people")
class OrganizationPeopleProjection {

    private final MongoCollection<Document> people;
    private final ReadModelErasure erasure;

    OrganizationPeopleProjection(@Qualifier("serviceDatabase") MongoDatabase db, ReadModelErasure erasure) {
        this.people = db.getCollection("organization_people");
        this.erasure = erasure;
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event, @Timestamp Instant at) {
        String id = event.organizationId().toString();
        Document doc = new Document("_id", id)
                .append("people", List.of(person(event.owner().toString(), OrganizationRole.OWNER, at)));
        people.replaceOne(new Document("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), list -> {
            list.removeIf(p -> event.member().toString().equals(p.getString("userId")));
            list.add(person(event.member().toString(), event.role(), at));
        });
    }

    @EventHandler
    void on(OrganizationMemberRoleChangedEvent event) {
        update(event.organizationId(), list -> list.stream()
                .filter(p -> event.member().toString().equals(p.getString("userId")))
                .forEach(p -> p.put("role", event.role().name())));
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent event) {
        update(
                event.organizationId(),
                list -> list.removeIf(p -> event.member().toString().equals(p.getString("userId"))));
    }

    /** An erased person's user id reads as erased here too (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(people, Set.of("userId"), event.subjectDigest(), event.keyId(), event.erasedAs());
    }

    @ResetHandler
    void reset() {
        people.deleteMany(new Document());
    }

    @QueryHandler
    Optional<OrganizationMemberView> handle(FindOrganizationMemberQuery query) {
        return members(query.organizationId()).stream()
                .filter(m -> m.userId().equals(query.member().toString()))
                .findFirst();
    }

    @QueryHandler
    List<OrganizationMemberView> handle(ListOrganizationMembersQuery query) {
        List<OrganizationMemberView> all = new ArrayList<>(members(query.organizationId()));
        all.sort(Comparator.comparing(OrganizationMemberView::role).thenComparing(OrganizationMemberView::since));
        return all;
    }

    private List<OrganizationMemberView> members(TenantId organization) {
        Document doc = people.find(new Document("_id", organization.toString())).first();
        if (doc == null) {
            return List.of();
        }
        return doc.getList("people", Document.class).stream()
                .map(p -> new OrganizationMemberView(
                        organization.toString(),
                        p.getString("userId"),
                        OrganizationRole.valueOf(p.getString("role")),
                        p.getDate("since").toInstant()))
                .toList();
    }

    /**
     * Read, change, write: safe because one organisation's events reach this processor in order, one at a time
     * (they all come from the same aggregate).
     */
    private void update(TenantId organization, Consumer<List<Document>> change) {
        Document doc = people.find(new Document("_id", organization.toString())).first();
        if (doc == null) {
            return;
        }
        List<Document> list = new ArrayList<>(doc.getList("people", Document.class));
        change.accept(list);
        people.replaceOne(new Document("_id", organization.toString()), doc.append("people", list));
    }

    private static Document person(String userId, OrganizationRole role, Instant since) {
        return new Document("userId", userId).append("role", role.name()).append("since", Date.from(since));
    }
}

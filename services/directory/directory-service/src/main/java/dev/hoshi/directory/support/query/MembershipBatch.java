package dev.hoshi.directory.support.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.hoshi.directory.api.support.MembershipParty;
import dev.hoshi.directory.api.support.MembershipStatus;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The membership projection's writes for one batch of events ({@link ProjectionBatch}): the parties' names in one bulk
 * write; the pairs changed in one read (whether the organisation had acted on them already) and one bulk write; each
 * organisation's index in one more, and the support organisations' sets in one ({@link BucketedSets}). Within the
 * batch a pair's last change wins, and a pair the organisation has acted on stays marked so, as one event at a time
 * gives.
 * Every write is a replace, an upsert or an {@code $addToSet}: a flush that failed half-way can be repeated.
 */
final class MembershipBatch implements ProjectionBatch.Buffer {

    /** A pair's state after one event. */
    record Change(
            String pair,
            String supportOrganization,
            String organization,
            MembershipStatus status,
            MembershipParty proposedBy,
            boolean organizationActed,
            Instant at) {

        Change acted() {
            return new Change(pair, supportOrganization, organization, status, proposedBy, true, at);
        }
    }

    private final MongoCollection<Document> memberships;
    private final MongoCollection<Document> index;
    private final BucketedSets supportIndex;
    private final MongoCollection<Document> parties;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Change> changes = new LinkedHashMap<>();

    MembershipBatch(
            MongoCollection<Document> memberships,
            MongoCollection<Document> index,
            BucketedSets supportIndex,
            MongoCollection<Document> parties) {
        this.memberships = memberships;
        this.index = index;
        this.supportIndex = supportIndex;
        this.parties = parties;
    }

    /** A party's name ({@code organization/<id>} or {@code support/<id>}); the last one given wins. */
    void name(String party, String name) {
        names.put(party, name);
    }

    void change(Change change) {
        changes.merge(change.pair(), change, (earlier, later) -> earlier.organizationActed() ? later.acted() : later);
    }

    @Override
    public void flush() {
        if (!names.isEmpty()) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            names.forEach((party, name) -> writes.add(new ReplaceOneModel<>(
                    new Document("_id", party),
                    new Document("_id", party).append("name", name),
                    new ReplaceOptions().upsert(true))));
            parties.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        if (changes.isEmpty()) {
            return;
        }
        Set<String> actedBefore = new HashSet<>();
        // by _id alone: the embedded store reads the whole collection for any other filter (docs/eventstore.md)
        memberships
                .find(Filters.in("_id", new ArrayList<>(changes.keySet())))
                .projection(Projections.include("_id", "organizationActed"))
                .forEach(doc -> {
                    if (Boolean.TRUE.equals(doc.getBoolean("organizationActed"))) {
                        actedBefore.add(doc.getString("_id"));
                    }
                });
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<String, Set<String>> byOrganization = new LinkedHashMap<>();
        Map<String, Set<String>> bySupportOrganization = new LinkedHashMap<>();
        for (Change change : changes.values()) {
            writes.add(new ReplaceOneModel<>(
                    new Document("_id", change.pair()),
                    document(change, change.organizationActed() || actedBefore.contains(change.pair())),
                    new ReplaceOptions().upsert(true)));
            byOrganization
                    .computeIfAbsent(
                            MembershipProjection.ORGANIZATION + change.organization(), o -> new LinkedHashSet<>())
                    .add(change.pair());
            bySupportOrganization
                    .computeIfAbsent(
                            MembershipProjection.SUPPORT + change.supportOrganization(), s -> new LinkedHashSet<>())
                    .add(change.pair());
        }
        memberships.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        BucketedSets.addToSets(index, "pairs", byOrganization);
        supportIndex.addAll(bySupportOrganization);
    }

    private static Document document(Change change, boolean organizationActed) {
        return new Document("_id", change.pair())
                .append("supportOrganizationId", change.supportOrganization())
                .append("organizationId", change.organization())
                .append("status", change.status().name())
                .append(
                        "proposedBy",
                        change.proposedBy() == null ? null : change.proposedBy().name())
                .append("organizationActed", organizationActed)
                .append("updatedAt", Date.from(change.at()));
    }
}

package dev.hoshi.insights.rollup.query;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** The collections the rollup projection writes and its queries read (docs/insights.md, "Collections and keys"). */
record RollupCollections(
        MongoCollection<Document> members,
        MongoCollection<Document> rollups,
        MongoCollection<Document> history,
        MongoCollection<Document> analysts,
        MongoCollection<Document> listing,
        MongoCollection<Document> order,
        MongoCollection<Document> cohorts,
        MongoCollection<Document> calendar,
        MongoCollection<Document> inflight) {

    /** MongoDB's error code for dropping an index that is not there. */
    private static final int INDEX_NOT_FOUND = 27;

    /** The keys of the member states' compare-and-set filter ({@link RollupBatch}): the state's version. */
    static final Document MEMBER_VERSION = new Document("_id", 1).append("version", 1);

    /**
     * A unique index with exactly the keys of the compare-and-set filter, so that the write is a point look-up: the
     * embedded server only uses an index whose keys equal the filter's (docs/insights.md, "Indexes"). Unique because
     * {@code _id} is; creating it again changes nothing.
     */
    void createCompareAndSetIndexes() {
        IndexOptions unique = new IndexOptions().unique(true);
        members.createIndex(MEMBER_VERSION, unique);
    }

    /**
     * Drops the unique {@code {_id, rev}} index of the history, the compare-and-set filter of layout v7's month
     * snapshots (copies of the rollup); v8 adds each month's changes with {@code $inc} by {@code _id} alone, and the
     * index would only cost every write.
     */
    void dropOlderLayoutIndexes() {
        for (Document index : history.listIndexes()) {
            Document key = index.get("key", Document.class);
            if (key.keySet().equals(Set.of("_id", "rev"))) {
                try {
                    history.dropIndex(index.getString("name"));
                } catch (MongoCommandException e) {
                    if (e.getErrorCode() != INDEX_NOT_FOUND) {
                        throw e;
                    }
                    // another instance starting the same layout dropped it first
                }
            }
        }
    }

    /** Whether {@code user} is an analyst of {@code supportOrganization} now (one point look-up). */
    boolean isAnalyst(String user, String supportOrganization) {
        Document analyst = analysts.find(new Document("_id", user)).first();
        return analyst != null
                && analyst.getList("supportOrganizations", String.class).contains(supportOrganization);
    }

    /** The grant calendar's days: the members noted for each ({@link GrantCalendar}). */
    static BucketedSets days(MongoCollection<Document> calendar) {
        return new BucketedSets(calendar, "organizations");
    }

    List<MongoCollection<Document>> all() {
        return List.of(members, rollups, history, analysts, listing, order, cohorts, calendar, inflight);
    }

    static RollupCollections in(MongoDatabase db) {
        return new RollupCollections(
                db.getCollection("insights_member_state"),
                db.getCollection("insights_rollups"),
                db.getCollection("insights_rollup_history"),
                db.getCollection("insights_support_analysts"),
                db.getCollection("insights_member_listing"),
                db.getCollection("insights_member_order"),
                db.getCollection("insights_cohorts"),
                db.getCollection("insights_grant_calendar"),
                db.getCollection("insights_rollup_inflight"));
    }
}

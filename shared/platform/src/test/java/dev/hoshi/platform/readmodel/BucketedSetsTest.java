package dev.hoshi.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import dev.hoshi.testsupport.TestMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sets as large as a tenant base, in small documents, read and emptied with what earlier versions stored. */
class BucketedSetsTest {

    private MongoCollection<Document> collection;
    private BucketedSets sets;

    @BeforeEach
    void store() {
        TestMongo mongo = TestMongo.get();
        collection = mongo.client()
                .getDatabase(mongo.freshDatabaseName("bucketed-sets"))
                .getCollection("days");
        sets = new BucketedSets(collection, "tenants");
    }

    @Test
    void tenThousandMembersOfOneSetAreReadBackOnceEachFromSmallDocuments() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(UUID.nameUUIDFromBytes(("org-" + i).getBytes()).toString());
        }
        for (int from = 0; from < ids.size(); from += 100) { // as a processor's batches add them
            sets.addAll(Map.of("2027-04-01", ids.subList(from, from + 100), "2027-04-02", List.of(ids.get(from))));
        }
        sets.addAll(Map.of("2027-04-01", ids.subList(0, 500))); // again: nothing changes

        assertThat(sets.members("2027-04-01")).hasSize(10_000).containsExactlyElementsOf(new TreeSet<>(ids));
        assertThat(sets.members("2027-04-02")).hasSize(100);
        assertThat(sets.members("2027-04-03")).isEmpty();
        int largest = 0;
        for (Document bucket : collection.find()) {
            largest = Math.max(largest, bucket.getList("tenants", String.class).size());
        }
        assertThat(largest).as("ids in the largest document").isLessThan(100);
        assertThat(collection.countDocuments()).isLessThanOrEqualTo(2L * BucketedSets.BUCKETS);
    }

    @Test
    void aSetWrittenAsOneDocumentByAnEarlierVersionIsReadAndEmptiedToo() {
        collection.insertOne(new Document("_id", "pending").append("tenants", List.of("org-a", "org-b")));
        sets.add("pending", "org-c");

        assertThat(sets.members("pending")).containsExactly("org-a", "org-b", "org-c");

        sets.removeAll("pending", List.of("org-a", "org-c"));

        assertThat(sets.members("pending")).containsExactly("org-b");
    }

    @Test
    void manySetsAreReadInOneGo() {
        sets.addAll(Map.of("support/s1", List.of("p1", "p2"), "support/s2", List.of("p3")));

        Map<String, Set<String>> members = sets.membersOf(List.of("support/s1", "support/s2", "support/s3"));

        assertThat(members)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("support/s1", Set.of("p1", "p2"), "support/s2", Set.of("p3"), "support/s3", Set.of()));
    }
}

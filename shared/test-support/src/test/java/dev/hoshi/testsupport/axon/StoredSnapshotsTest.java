package dev.hoshi.testsupport.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.testsupport.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class StoredSnapshotsTest {

    private final TestMongo mongo = TestMongo.get();
    private final StoredSnapshots snapshots =
            StoredSnapshots.in(mongo.client().getDatabase(mongo.freshDatabaseName("snapshots")));

    @Test
    void aStoredSnapshotReadsWithItsSequenceNumberAndRevision() {
        snapshots.put(new Document("_id", "a-1")
                .append("aggregateId", "a-1")
                .append("seq", 99L)
                .append("type", "Thing")
                .append("payloadType", "dev.example.Thing")
                .append("payloadRevision", "2")
                .append("payload", "{\"id\":\"a-1\"}"));

        assertThat(snapshots.require("a-1"))
                .isEqualTo(new StoredSnapshot("a-1", 99, "Thing", "dev.example.Thing", "2", "{\"id\":\"a-1\"}"));
        assertThat(snapshots.find("a-2")).isEmpty();
        assertThatThrownBy(() -> snapshots.require("a-2"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a-2");
    }

    @Test
    void aSnapshotDocumentFromAResourceIsStoredAsItIsOrForAnotherAggregate() {
        Document asCaptured = snapshots.putResource("snapshots/thing.json");
        snapshots.putResource("snapshots/thing.json", "thing-2");

        assertThat(asCaptured.get("seq")).isEqualTo(4L);
        assertThat(snapshots.require("thing-1"))
                .isEqualTo(new StoredSnapshot("thing-1", 4, "Thing", "dev.example.Thing", null, "{}"));
        assertThat(snapshots.require("thing-2").sequenceNumber()).isEqualTo(4);
        assertThat(snapshots.require("thing-2").payloadRevision()).isNull();
    }
}

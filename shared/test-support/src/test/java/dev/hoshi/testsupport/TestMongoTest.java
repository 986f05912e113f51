package dev.hoshi.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class TestMongoTest {

    @Test
    void givesAWorkingMongoAndSaysWhichOne() {
        TestMongo mongo = TestMongo.get();
        MongoCollection<Document> things =
                mongo.client().getDatabase(mongo.freshDatabaseName("ts")).getCollection("things");

        things.insertOne(new Document("_id", "a").append("n", 1));

        assertThat(things.find(new Document("_id", "a")).first()).containsEntry("n", 1);
        assertThat(mongo.describe()).contains(mongo.backend() == TestMongo.Backend.EMBEDDED ? "embedded" : "");
        assertThat(TestMongo.get()).isSameAs(mongo);
    }

    @Test
    void freshDatabaseNamesDoNotRepeat() {
        TestMongo mongo = TestMongo.get();

        assertThat(mongo.freshDatabaseName("x"))
                .isNotEqualTo(mongo.freshDatabaseName("x"))
                .startsWith("x_");
    }

    @Test
    void theMutableClockMovesOnlyWhenTold() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(clock.withZone(java.time.ZoneId.of("Asia/Tokyo")).instant()).isEqualTo(clock.instant());
    }
}

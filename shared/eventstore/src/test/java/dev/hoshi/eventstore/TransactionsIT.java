package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.testsupport.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Whether appends ran in MongoDB transactions on this run's backend, checked against the server's own count of
 * committed transactions, and recorded: printed, and kept in the system property {@value #PROPERTY}, which the
 * Failsafe report of this suite carries. On the embedded server (no transactions) the transaction path is not
 * exercised; on Testcontainers' replica set or a replica set at {@code MONGODB_URI} it is.
 */
class TransactionsIT {

    static final String PROPERTY = "hoshi.test.eventstore.transactions";

    private final EventStoreFixture fixture = new EventStoreFixture();

    @Test
    void appendsRunInATransactionExactlyWhenTheServerHasThem() {
        HoshiEventStorageEngine engine = fixture.engine();
        boolean serverHasThem = fixture.mongo.supportsTransactions();
        assertThat(engine.usesTransactions()).isEqualTo(serverHasThem);

        long before = committedTransactions();
        engine.appendEvents(event("thing-1", 0), event("thing-1", 1));
        long after = committedTransactions();

        if (serverHasThem) {
            assertThat(after).as("transactions the server committed").isGreaterThan(before);
        } else {
            assertThat(after).as("a server without transactions counts none").isEqualTo(before);
        }
        assertThat(fixture.eventsCollection().countDocuments()).isEqualTo(2);
        String used = engine.usesTransactions()
                ? "in transactions (the server committed " + (after - before) + ")"
                : "without transactions (gap-tracked)";
        System.setProperty(PROPERTY, used);
        System.out.println("[hoshi-test] event store appends: " + used + " on "
                + TestMongo.get().describe());
    }

    /** The server's committed-transactions count, or -1 when it keeps none (no replica set). */
    private long committedTransactions() {
        Document status = fixture.mongo.client().getDatabase("admin").runCommand(new Document("serverStatus", 1));
        Object transactions = status.get("transactions");
        if (transactions instanceof Document counts && counts.get("totalCommitted") instanceof Number committed) {
            return committed.longValue();
        }
        return -1;
    }
}

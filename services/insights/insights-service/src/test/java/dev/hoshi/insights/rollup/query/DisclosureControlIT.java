package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.rollup.query.DisclosureControl.Group;
import dev.hoshi.testsupport.TestMongo;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The change rule's ledger: found by _id through each support organisation's list of keys. Threshold 5. */
class DisclosureControlIT {

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("disclosure"));
    private final MongoCollection<Document> ledger = db.getCollection("insights_disclosed_sizes");

    @AfterEach
    void drop() {
        db.drop();
    }

    @Test
    void aSizeShownIsListedAndAnotherTooCloseToItIsWithheld() {
        DisclosureControl control = new DisclosureControl(db, 5);

        assertThat(control.judge("assoc", "assoc|E|*|*", members(20), Map.of()).shown(Group.MEMBERS))
                .isTrue();
        assertThat(listed("assoc")).contains("assoc|E|*|*#MEMBERS");

        // 22 beside the 20 shown would single out two members
        assertThat(control.judge("assoc", "assoc|E|*|*", members(22), Map.of()).reason(Group.MEMBERS))
                .isEqualTo(SuppressionReason.SMALL_CHANGE);
        // another support organisation's ledger is its own
        assertThat(control.judge("other", "other|E|*|*", members(22), Map.of()).shown(Group.MEMBERS))
                .isTrue();
    }

    @Test
    void sizesNotedBeforeTheListExistedStillCount() {
        ledger.insertOne(new Document("_id", "assoc|*|*|*#MEMBERS")
                .append("supportOrganization", "assoc")
                .append("slice", "assoc|*|*|*")
                .append("group", "MEMBERS")
                .append("sizes", List.of(10L)));
        DisclosureControl control = new DisclosureControl(db, 5);

        assertThat(control.judge("assoc", "assoc|*|*|*", members(12), Map.of()).reason(Group.MEMBERS))
                .isEqualTo(SuppressionReason.SMALL_CHANGE);
        assertThat(listed("assoc")).containsExactly("assoc|*|*|*#MEMBERS");
        // and again, now through the list
        assertThat(control.judge("assoc", "assoc|*|*|*", members(12), Map.of()).reason(Group.MEMBERS))
                .isEqualTo(SuppressionReason.SMALL_CHANGE);
        assertThat(control.judge("assoc", "assoc|*|*|*", members(15), Map.of()).shown(Group.MEMBERS))
                .isTrue();
    }

    @Test
    void entriesAreFoundThroughTheListNotByAFilter() {
        // listed, but without the field the earlier filter read: found only through the list
        ledger.insertOne(new Document("_id", "assoc|E|*|*#MEMBERS")
                .append("slice", "assoc|E|*|*")
                .append("group", "MEMBERS")
                .append("sizes", List.of(10L)));
        ledger.insertOne(new Document("_id", "assoc#keys").append("keys", List.of("assoc|E|*|*#MEMBERS")));
        DisclosureControl control = new DisclosureControl(db, 5);

        // the unfiltered slice is wider than E's: 12 beside the 10 shown for E is too close
        assertThat(control.judge("assoc", "assoc|*|*|*", members(12), Map.of()).reason(Group.MEMBERS))
                .isEqualTo(SuppressionReason.SMALL_CHANGE);
    }

    private List<String> listed(String supportOrganization) {
        return ledger.find(Filters.eq("_id", supportOrganization + "#keys"))
                .first()
                .getList("keys", String.class);
    }

    private static Document members(long n) {
        return new Document("members", n);
    }
}

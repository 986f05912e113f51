package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.rollup.query.DisclosureControl.Group;
import dev.hoshi.testsupport.TestMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
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

    /**
     * The largest ledger a support organisation can have: every slice of every filter shown (21 industries or any, 4
     * classes or any, 47 prefectures or any) for every group, 24,192 entries, listed in one keys document. It stays
     * far below a document's 16 MB, reads back whole, and an entry at the end of the list still counts.
     */
    @Test
    void theLargestPossibleLedgerIsListedInOneDocumentAndFoundWhole() {
        String org =
                "3f1c9a52-7d4e-4b8a-9c61-0e2f5b7a8d13"; // ids as long as a UUID, names longer than any prefecture's
        List<String> industries = new ArrayList<>(List.of(MemberState.ANY));
        for (char c = 'A'; c <= 'T'; c++) {
            industries.add(String.valueOf(c));
        }
        List<String> classes = List.of(MemberState.ANY, "SMALL", "MEDIUM", "LARGE");
        List<String> prefectures = new ArrayList<>(List.of(MemberState.ANY));
        for (int p = 1; p <= 47; p++) {
            prefectures.add(String.format("PREFECTURE_%02d", p));
        }
        List<String> keys = new ArrayList<>();
        List<Document> entries = new ArrayList<>();
        for (String industry : industries) {
            for (String smeClass : classes) {
                for (String prefecture : prefectures) {
                    String slice = MemberState.slice(org, industry, smeClass, prefecture);
                    for (Group group : Group.values()) {
                        String key = slice + "#" + group.name();
                        keys.add(key);
                        entries.add(new Document("_id", key)
                                .append("supportOrganization", org)
                                .append("slice", slice)
                                .append("group", group.name())
                                .append("sizes", List.of(100L)));
                    }
                }
            }
        }
        assertThat(keys).hasSize(21 * 4 * 48 * 6);
        ledger.insertMany(entries);
        ledger.insertOne(new Document("_id", org + "#keys").append("keys", keys));
        DisclosureControl control = new DisclosureControl(db, 5);

        // the last slice listed: 102 beside the 100 shown there is too close
        String last = MemberState.slice(org, "T", "LARGE", "PREFECTURE_47");
        assertThat(control.judge(org, last, members(102), Map.of()).reason(Group.MEMBERS))
                .isEqualTo(SuppressionReason.SMALL_CHANGE);
        // 100 itself was shown before; 110 is far enough from every related size
        assertThat(control.judge(org, last, members(100), Map.of()).shown(Group.MEMBERS))
                .isTrue();
        assertThat(control.judge(org, last, members(110), Map.of()).shown(Group.MEMBERS))
                .isTrue();

        RawBsonDocument stored = db.getCollection("insights_disclosed_sizes", RawBsonDocument.class)
                .find(Filters.eq("_id", org + "#keys"))
                .first();
        assertThat(stored.getByteBuffer().remaining()).isBetween(1024 * 1024, 4 * 1024 * 1024);
        assertThat(listed(org)).containsExactlyElementsOf(keys);
        assertThat(ledger.find(Filters.eq("_id", last + "#MEMBERS")).first().getList("sizes", Number.class))
                .extracting(Number::longValue)
                .containsExactlyInAnyOrder(100L, 110L);
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

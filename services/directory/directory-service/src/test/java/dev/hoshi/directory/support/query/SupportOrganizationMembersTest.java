package dev.hoshi.directory.support.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.support.FindSupportOrganizationQuery;
import dev.hoshi.directory.api.support.ListSupportOrganizationsQuery;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationView;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.TestMongo;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A support organisation's members as many as a tenant base, kept in small documents, read with those an earlier
 * version kept in the organisation's own document.
 */
class SupportOrganizationMembersTest {

    private final TestMongo mongo = TestMongo.get();
    private final MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("support-members"));
    private final SupportOrganizationProjection projection = new SupportOrganizationProjection(db, null);
    private final SupportOrganizationId association = SupportOrganizationId.of("assoc-1");

    @Test
    void tenThousandMembersAreListedOnceEachAndNoDocumentHoldsMoreThanAFewDozen() {
        projection.on(new SupportOrganizationRegisteredEvent(
                association, "テスト工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, UserId.of("analyst")));
        for (int i = 0; i < 10_000; i++) {
            projection.on(new MembershipRecordedEvent(association, TenantId.of("org-" + i)));
        }
        projection.on(new MembershipRecordedEvent(association, TenantId.of("org-7"))); // again: nothing changes

        SupportOrganizationView view =
                projection.handle(new FindSupportOrganizationQuery(association)).orElseThrow();

        assertThat(view.members()).hasSize(10_000).doesNotHaveDuplicates().contains("org-0", "org-9999");
        int largest = 0;
        for (Document bucket : db.getCollection("support_organization_members").find()) {
            largest = Math.max(largest, bucket.getList("members", String.class).size());
        }
        assertThat(largest).isLessThan(100);
        assertThat(db.getCollection("support_organizations").find().first()).doesNotContainKey("members");
    }

    @Test
    void membersAnEarlierVersionKeptInTheOrganisationsDocumentAreStillListed() {
        db.getCollection("support_organizations")
                .insertOne(new Document("_id", association.toString())
                        .append("name", "テスト工業会")
                        .append("kind", "INDUSTRY_ASSOCIATION")
                        .append("analysts", List.of("analyst"))
                        .append("members", List.of("org-a", "org-b")));
        projection.on(new MembershipRecordedEvent(association, TenantId.of("org-c")));

        assertThat(projection.handle(new ListSupportOrganizationsQuery()))
                .singleElement()
                .extracting(SupportOrganizationView::members)
                .isEqualTo(List.of("org-a", "org-b", "org-c"));
    }
}

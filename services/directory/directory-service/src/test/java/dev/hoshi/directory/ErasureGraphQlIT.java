package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.platform.axon.ProjectionRebuilds;
import dev.hoshi.testsupport.personal.RawGrep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Operators erase a person (crypto-shredding): the person's key goes, their user id reads as erased in every read
 * model and every event, no collection of any database keeps it, and the projections rebuild after it.
 */
class ErasureGraphQlIT extends DirectoryIT {

    @Autowired
    ProjectionRebuilds rebuilds;

    @Test
    void anErasedPersonIsGoneFromEveryCollectionAndReadsAsErasedEvenAfterARebuild() {
        String owner = unique("erase-owner");
        String member = unique("erase-member");
        String org = registerOrganization(owner);
        addPerson(owner, org, member, "MEMBER");
        String support = registerSupportOrganization(member);
        eventually(() -> assertThat(members(owner, org)).contains(member));

        RawGrep grep = new RawGrep(mongo);
        assertThat(grep.hits(member))
                .as("before erasure the events, snapshots and vault keep no plaintext; only these read models do")
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit).matches(".*\\.(organization_people|support_organizations)#.*"));

        String ticket = unique("ticket");
        String erasedAs = asOperator()
                .documentName("erasePerson")
                .variable("input", Map.of("userId", member, "reason", "依頼 " + ticket))
                .execute()
                .path("erasePerson.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("erasePerson.erasure.keyErased")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("erasePerson.erasure.erasedAs")
                .entity(String.class)
                .get();
        assertThat(erasedAs).matches("erased-[0-9a-f]{8}");

        eventually(() -> {
            assertThat(members(owner, org)).containsExactly(owner, erasedAs);
            assertThat(analysts(support)).containsExactly(erasedAs);
        });
        assertThat(grep.hits(member))
                .as("no collection of any database keeps the erased id")
                .isEmpty();
        assertThat(grep.hits(ticket))
                .as("the operator's reason is stored sealed with the platform's key")
                .isEmpty();
        assertThat(reasonsStored()).anyMatch(reason -> reason.startsWith("pd2:"));

        // the same again deletes nothing and says so
        asOperator()
                .documentName("erasePerson")
                .variable("input", Map.of("userId", member, "reason", "依頼 #42"))
                .execute()
                .path("erasePerson.erasure.keyErased")
                .entity(Boolean.class)
                .isEqualTo(false);

        // rebuilt from the events after the erasure: no failure, and the same erased reading
        rebuilds.rebuild("directory-organization-people");
        rebuilds.rebuild("directory-support-organizations");
        eventually(() -> {
            assertThat(members(owner, org)).containsExactly(owner, erasedAs);
            assertThat(analysts(support)).containsExactly(erasedAs);
        });
        assertThat(grep.hits(member)).isEmpty();
    }

    @Test
    void onlyOperatorsEraseAndBadInputChangesNothing() {
        String owner = unique("erase-owner");
        String org = registerOrganization(owner);
        long erasuresBefore = erasureEvents();

        refusedWith(
                asUser(owner, org)
                        .documentName("erasePerson")
                        .variable("input", Map.of("userId", owner, "reason", "me"))
                        .execute(),
                "FORBIDDEN");
        refusedWith(
                asUser(owner, org)
                        .documentName("eraseOrganizationData")
                        .variable("input", Map.of("organizationId", org, "reason", "closing"))
                        .execute(),
                "FORBIDDEN");
        payloadError(
                asOperator()
                        .documentName("erasePerson")
                        .variable("input", Map.of("userId", "not a user id", "reason", "x"))
                        .execute(),
                "erasePerson",
                "INVALID_USER_ID");
        payloadError(
                asOperator()
                        .documentName("erasePerson")
                        .variable("input", Map.of("userId", owner, "reason", " "))
                        .execute(),
                "erasePerson",
                "INVALID_REASON");
        payloadError(
                asOperator()
                        .documentName("eraseOrganizationData")
                        .variable("input", Map.of("organizationId", unique("no-org"), "reason", "closing"))
                        .execute(),
                "eraseOrganizationData",
                "ORGANIZATION_NOT_FOUND");

        assertThat(erasureEvents()).isEqualTo(erasuresBefore);
        assertThat(members(owner, org)).containsExactly(owner);
    }

    @Test
    void anOrganisationsDataIsErasedOnceAndTheSameAgainSaysSo() {
        String org = registerOrganization(unique("erase-owner"));
        String ticket = unique("closing");
        for (boolean first : new boolean[] {true, false}) {
            asOperator()
                    .documentName("eraseOrganizationData")
                    .variable("input", Map.of("organizationId", org, "reason", "閉鎖 " + ticket))
                    .execute()
                    .path("eraseOrganizationData.errors")
                    .entityList(Object.class)
                    .hasSize(0)
                    .path("eraseOrganizationData.erasure.keyErased")
                    .entity(Boolean.class)
                    .isEqualTo(false);
        }
        assertThat(new RawGrep(mongo).hits(ticket))
                .as("the operator's reason is stored sealed with the platform's key")
                .isEmpty();
    }

    /** The stored {@code reason} of every person's erasure event, as stored. */
    private List<String> reasonsStored() {
        List<String> reasons = new ArrayList<>();
        mongo.getDatabase(eventsDatabase)
                .getCollection("events")
                .find(new Document("payloadType", "dev.hoshi.directory.api.person.ErasureEvents$PersonErasedEvent"))
                .forEach(doc ->
                        reasons.add(Document.parse(doc.getString("payload")).getString("reason")));
        return reasons;
    }

    private List<String> members(String user, String org) {
        return asUser(user, org)
                .documentName("organizationMembers")
                .execute()
                .path("organizationMembers[*].userId")
                .entityList(String.class)
                .get();
    }

    private List<String> analysts(String support) {
        return asOperator()
                .documentName("supportOrganizations")
                .execute()
                .path("supportOrganizations[?(@.id == '" + support + "')].analysts[*]")
                .entityList(String.class)
                .get();
    }

    private long erasureEvents() {
        return mongo.getDatabase(eventsDatabase)
                .getCollection("events")
                .countDocuments(
                        new Document("payloadType", "dev.hoshi.directory.api.person.ErasureEvents$PersonErasedEvent"));
    }
}

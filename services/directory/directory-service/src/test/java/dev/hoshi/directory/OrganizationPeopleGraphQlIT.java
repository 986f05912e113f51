package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The people of an organisation: its registration's owner first, then whom the owners add. */
class OrganizationPeopleGraphQlIT extends DirectoryIT {

    @Test
    void theRegistrationsOwnerAddsPeopleWhomEveryoneInTheOrganisationSees() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-kato", "MEMBER");
        addPerson("demo-sato", org, "demo-ito", "VIEWER");

        eventually(() -> asUser("demo-ito", org)
                .documentName("organizationMembers")
                .execute()
                .path("organizationMembers[*].userId")
                .entityList(String.class)
                .containsExactly("demo-sato", "demo-kato", "demo-ito")
                .path("organizationMembers[*].role")
                .entityList(String.class)
                .containsExactly("OWNER", "MEMBER", "VIEWER"));
        assertThat(eventsOf(org))
                .containsExactly(
                        "OrganizationRegisteredEvent", "OrganizationMemberAddedEvent", "OrganizationMemberAddedEvent");
    }

    @Test
    void ownersChangeRolesAndRemovePeopleButNeverTheLastOwner() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-kato", "MEMBER");

        payloadError(change("demo-sato", org, "demo-sato", "MEMBER"), "changeOrganizationMemberRole", "LAST_OWNER");
        payloadError(remove("demo-sato", org, "demo-sato"), "removeOrganizationMember", "LAST_OWNER");

        change("demo-sato", org, "demo-kato", "OWNER")
                .path("changeOrganizationMemberRole.role")
                .entity(String.class)
                .isEqualTo("OWNER");
        // now that demo-kato owns it too, demo-sato may leave; demo-kato is then the last owner
        remove("demo-sato", org, "demo-sato")
                .path("removeOrganizationMember.errors")
                .entityList(Object.class)
                .hasSize(0);
        // (the service checks roles against its projection first, so wait until it has seen the promotion)
        eventually(() -> payloadError(remove("demo-kato", org, "demo-kato"), "removeOrganizationMember", "LAST_OWNER"));

        eventually(() -> asUser("demo-sato", org)
                .documentName("organization")
                .variable("id", org)
                .execute()
                .path("organization")
                .valueIsNull());
        refusedWith(
                asUser("demo-sato", org)
                        .documentName("addOrganizationMember")
                        .variable("input", Map.of("userId", "demo-back", "role", "OWNER"))
                        .execute(),
                "NOT_FOUND");
        assertThat(eventsOf(org))
                .containsExactly(
                        "OrganizationRegisteredEvent",
                        "OrganizationMemberAddedEvent",
                        "OrganizationMemberRoleChangedEvent",
                        "OrganizationMemberRemovedEvent");
    }

    @Test
    void addingSomeoneAlreadyThereIsRefused() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-kato", "VIEWER");
        payloadError(
                asUser("demo-sato", org)
                        .documentName("addOrganizationMember")
                        .variable("input", Map.of("userId", "demo-kato", "role", "MEMBER"))
                        .execute(),
                "addOrganizationMember",
                "ALREADY_A_MEMBER");
        assertThat(eventsOf(org)).containsExactly("OrganizationRegisteredEvent", "OrganizationMemberAddedEvent");
    }

    @Test
    void onlyOwnersChangePeople() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-kato", "MEMBER");
        addPerson("demo-sato", org, "demo-ito", "VIEWER");
        registerOrganization("demo-suzuki");

        refusedWith(add("demo-kato", org, "demo-new"), "FORBIDDEN");
        refusedWith(add("demo-ito", org, "demo-new"), "FORBIDDEN");
        refusedWith(change("demo-kato", org, "demo-kato", "OWNER"), "FORBIDDEN");
        refusedWith(remove("demo-ito", org, "demo-sato"), "FORBIDDEN");
        refusedWith(add("demo-suzuki", org, "demo-suzuki"), "NOT_FOUND");
        refusedWith(add("demo-sato", null, "demo-new"), "TENANT_REQUIRED");
        refusedWith(
                as(tokens.user(OPERATOR, org, "platform_operator"))
                        .documentName("addOrganizationMember")
                        .variable("input", Map.of("userId", "demo-new", "role", "OWNER"))
                        .execute(),
                "NOT_FOUND");

        assertThat(eventsOf(org))
                .containsExactly(
                        "OrganizationRegisteredEvent", "OrganizationMemberAddedEvent", "OrganizationMemberAddedEvent");
    }

    @Test
    void anotherOrganisationAndItsPeopleLookExactlyLikeMissingOnes() {
        String org = registerOrganization("demo-sato");
        registerOrganization("demo-suzuki");

        asUser("demo-suzuki", org)
                .documentName("organizationMembers")
                .execute()
                .path("organizationMembers")
                .valueIsNull();
        asUser("demo-suzuki", "no-such-org")
                .documentName("organizationMembers")
                .execute()
                .path("organizationMembers")
                .valueIsNull();
        asUser("demo-sato", null)
                .documentName("organizationMembers")
                .execute()
                .path("organizationMembers")
                .valueIsNull();
        asUser("demo-suzuki", org)
                .documentName("organization")
                .variable("id", org)
                .execute()
                .path("organization")
                .valueIsNull();
        // operators still see every organisation
        asOperator()
                .documentName("organization")
                .variable("id", org)
                .execute()
                .path("organization.id")
                .entity(String.class)
                .isEqualTo(org);
    }

    @Test
    void badInputComesBackAsErrorsInThePayloadAndChangesNothing() {
        String org = registerOrganization("demo-sato");
        payloadError(add("demo-sato", org, "not a subject!"), "addOrganizationMember", "INVALID_USER_ID");
        payloadError(change("demo-sato", org, "demo-nobody", "MEMBER"), "changeOrganizationMemberRole", "NOT_A_MEMBER");
        payloadError(remove("demo-sato", org, "demo-nobody"), "removeOrganizationMember", "NOT_A_MEMBER");
        assertThat(eventsOf(org)).containsExactly("OrganizationRegisteredEvent");
    }

    private GraphQlTester.Response add(String subject, String org, String person) {
        return asUser(subject, org)
                .documentName("addOrganizationMember")
                .variable("input", Map.of("userId", person, "role", "MEMBER"))
                .execute();
    }

    private GraphQlTester.Response change(String subject, String org, String person, String role) {
        return asUser(subject, org)
                .documentName("changeOrganizationMemberRole")
                .variable("input", Map.of("userId", person, "role", role))
                .execute();
    }

    private GraphQlTester.Response remove(String subject, String org, String person) {
        return asUser(subject, org)
                .documentName("removeOrganizationMember")
                .variable("input", Map.of("userId", person))
                .execute();
    }
}

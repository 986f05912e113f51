package dev.hoshi.compliance;

import static org.awaitility.Awaitility.await;

import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Compliance learns organisations and their owners from directory's events, and shows each only to its members. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusGraphQlIT {

    private static final String STATUS = "{ organizationStatus { organizationId name level } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final InternalTokens tokens = InternalTokens.shared();

    @Test
    void anOwnerSeesTheStatusOfTheOrganisationDirectoryRegistered() {
        String org = directoryRegisters("株式会社佐藤製作所", "demo-sato");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user("demo-sato", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus.name")
                .entity(String.class)
                .isEqualTo("株式会社佐藤製作所")
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
    }

    @Test
    void someoneElsesOrganisationLooksLikeNoOrganisationAtAll() {
        String org = directoryRegisters("鈴木商店", "demo-suzuki");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user(
                        "demo-suzuki", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .hasValue());

        as(tokens.user("demo-sato", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .valueIsNull();
        as(tokens.user("demo-sato", "no-such-org"))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .valueIsNull();
    }

    @Test
    void withoutAChosenOrganisationTheCallerIsToldToChooseOne() {
        as(tokens.user("demo-sato", null))
                .document(STATUS)
                .execute()
                .errors()
                .expect(e -> "ORGANIZATION_REQUIRED".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("X-Hoshi-Organization"))
                .verify();
    }

    private String directoryRegisters(String name, String owner) {
        return ComplianceTestSupport.directoryRegisters(eventStore, name, owner);
    }

    private HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .build();
    }
}

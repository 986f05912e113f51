package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Registering and finding organisations: operators register, their people see them, nobody else does. */
class DirectoryGraphQlIT extends DirectoryIT {

    @Test
    void anOperatorRegistersAnOrganisationThatItsOwnerThenSees() {
        String id = "org-" + System.nanoTime();
        as(tokens.user("operator", null, "platform_operator"))
                .documentName("registerOrganization")
                .variable(
                        "input",
                        Map.of(
                                "id",
                                id,
                                "name",
                                "株式会社佐藤製作所",
                                "nameEn",
                                "Sato Seisakusho",
                                "corporateNumber",
                                "7000012050002",
                                "owner",
                                "demo-sato"))
                .execute()
                .path("registerOrganization.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("registerOrganization.organization.id")
                .entity(String.class)
                .isEqualTo(id)
                .path("registerOrganization.organization.corporateNumber")
                .entity(String.class)
                .isEqualTo("7000012050002");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user("demo-sato", id))
                .documentName("organization")
                .variable("id", id)
                .execute()
                .path("organization.name")
                .entity(String.class)
                .isEqualTo("株式会社佐藤製作所"));
        as(tokens.user("operator", null, "platform_operator"))
                .documentName("organizations")
                .execute()
                .path("organizations[*].id")
                .entityList(String.class)
                .contains(id);
    }

    @Test
    void anotherTenantsOrganisationLooksExactlyLikeAMissingOne() {
        String id = registerAsOperator("株式会社鈴木商店");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(tokens.user("operator", null, "platform_operator"))
                        .documentName("organization")
                        .variable("id", id)
                        .execute()
                        .path("organization")
                        .hasValue());

        as(tokens.user("demo-sato", "sato-seisakusho"))
                .documentName("organization")
                .variable("id", id)
                .execute()
                .path("organization")
                .valueIsNull();
        as(tokens.user("demo-sato", "sato-seisakusho"))
                .documentName("organization")
                .variable("id", "no-such-org")
                .execute()
                .path("organization")
                .valueIsNull();
    }

    @Test
    void onlyOperatorsRegisterOrganisations() {
        String id = "forbidden-" + System.nanoTime();
        as(tokens.user("demo-sato", "sato-seisakusho"))
                .documentName("registerOrganization")
                .variable("input", Map.of("id", id, "name", "勝手な会社", "owner", "demo-sato"))
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
        as(tokens.user("demo-sato", "sato-seisakusho"))
                .documentName("organizations")
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void badInputComesBackAsErrorsInThePayloadAndChangesNothing() {
        String id = "bad-" + System.nanoTime();
        Map<String, List<String>> cases = Map.of(
                "INVALID_CORPORATE_NUMBER", List.of("corporateNumber", "7000012050003"),
                "INVALID_NAME", List.of("name", "   "),
                "INVALID_OWNER", List.of("owner", "not a subject"),
                "INVALID_ID", List.of("id", "bad id!"));
        cases.forEach((code, field) -> {
            Map<String, Object> input = new java.util.HashMap<>(Map.of("id", id, "name", "有効な名前", "owner", "demo-x"));
            input.put(field.get(0), field.get(1));
            as(tokens.user("operator", null, "platform_operator"))
                    .documentName("registerOrganization")
                    .variable("input", input)
                    .execute()
                    .path("registerOrganization.organization")
                    .valueIsNull()
                    .path("registerOrganization.errors[0].code")
                    .entity(String.class)
                    .isEqualTo(code)
                    .path("registerOrganization.errors[0].messageJa")
                    .entity(String.class)
                    .satisfies(m -> assertThat(m).isNotBlank());
        });
        as(tokens.user("operator", null, "platform_operator"))
                .documentName("organizations")
                .execute()
                .path("organizations[*].id")
                .entityList(String.class)
                .doesNotContain(id);
    }

    @Test
    void registeringAnIdTwiceIsAConflictReportedAsData() {
        String id = registerAsOperator("二重登録テスト");
        as(tokens.user("operator", null, "platform_operator"))
                .documentName("registerOrganization")
                .variable("input", Map.of("id", id, "name", "二重登録テスト", "owner", "demo-x"))
                .execute()
                .path("registerOrganization.errors[0].code")
                .entity(String.class)
                .isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void aCorporateNumberBelongsToOneOrganisationEvenWhenRegistrationsRace() throws Exception {
        // a number no other test uses: 12 digits from the clock, and their check digit in front
        String twelve = String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        String number = dev.hoshi.directory.api.organization.CorporateNumber.checkDigit(twelve) + twelve;
        int racers = 6;
        List<String> ids = java.util.stream.IntStream.range(0, racers)
                .mapToObj(i -> unique("race"))
                .toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> outcomes = ids.stream()
                .map(id -> pool.submit(() -> {
                    start.await();
                    return as(tokens.user("operator", null, "platform_operator"))
                            .documentName("registerOrganization")
                            .variable(
                                    "input",
                                    Map.of("id", id, "name", "競合テスト", "corporateNumber", number, "owner", "demo-x"))
                            .execute()
                            .path("registerOrganization.errors")
                            .entityList(UserErrorEntry.class)
                            .get()
                            .stream()
                            .map(UserErrorEntry::code)
                            .findFirst()
                            .orElse("OK");
                }))
                .toList();
        start.countDown();
        List<String> codes = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<String> outcome : outcomes) {
            codes.add(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(codes).containsOnlyOnce("OK");
        assertThat(codes).filteredOn(c -> !c.equals("OK")).hasSize(racers - 1).containsOnly("CORPORATE_NUMBER_TAKEN");

        // later, one more try is refused with a message saying what to do, and registers nothing
        String late = unique("late");
        as(tokens.user("operator", null, "platform_operator"))
                .documentName("registerOrganization")
                .variable("input", Map.of("id", late, "name", "後発", "corporateNumber", number, "owner", "demo-x"))
                .execute()
                .path("registerOrganization.organization")
                .valueIsNull()
                .path("registerOrganization.errors[0].code")
                .entity(String.class)
                .isEqualTo("CORPORATE_NUMBER_TAKEN")
                .path("registerOrganization.errors[0].messageJa")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains(number).contains("登録済み"));
        assertThat(eventsOf(late)).isEmpty();
        String winner = ids.get(codes.indexOf("OK"));
        eventually(() -> as(tokens.user("operator", null, "platform_operator"))
                .document("{ organizations { id corporateNumber } }")
                .execute()
                .path("organizations[?(@.corporateNumber == '" + number + "')].id")
                .entityList(String.class)
                .containsExactly(winner));
    }

    record UserErrorEntry(String code, String message, String messageJa, String field) {}

    @Test
    void withoutTheGatewaysTokenNothingIsAnswered() {
        WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl("http://localhost:" + port)
                .build()
                .post()
                .uri("/graphql")
                .bodyValue(Map.of("query", "{ organizations { id } }"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private String registerAsOperator(String name) {
        String id = "org-" + System.nanoTime();
        as(tokens.user("operator", null, "platform_operator"))
                .documentName("registerOrganization")
                .variable("input", Map.of("id", id, "name", name, "owner", "demo-owner"))
                .execute()
                .path("registerOrganization.errors")
                .entityList(Object.class)
                .hasSize(0);
        return id;
    }
}

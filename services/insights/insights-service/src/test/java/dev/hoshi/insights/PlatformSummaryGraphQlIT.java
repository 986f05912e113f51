package dev.hoshi.insights;

import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformSummaryGraphQlIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    private final InternalTokens tokens = InternalTokens.shared();

    @Test
    void operatorsSeePlatformCountsAndNobodyElseDoes() {
        as(tokens.user("operator", null, "platform_operator"))
                .document("{ platformSummary { organizationCount supportOrganizationCount partnerClientCount } }")
                .execute()
                .path("platformSummary.organizationCount")
                .entity(Integer.class)
                .isEqualTo(0);

        as(tokens.user("demo-sato", "sato-seisakusho"))
                .document("{ platformSummary { organizationCount } }")
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void anUnknownOrganisationIsNullAndABadIdIsAnInputError() {
        as(tokens.user("operator", null, "platform_operator"))
                .document("{ registeredOrganization(id: \"nobody\") { id } }")
                .execute()
                .path("registeredOrganization")
                .valueIsNull();
        as(tokens.user("operator", null, "platform_operator"))
                .document("{ registeredOrganization(id: \"bad id!\") { id } }")
                .execute()
                .errors()
                .expect(e -> "INVALID_ID".equals(e.getExtensions().get("code")))
                .verify();
    }

    private HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}

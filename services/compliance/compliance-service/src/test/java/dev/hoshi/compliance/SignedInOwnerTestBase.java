package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.as;

import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running compliance service with, before each test, a new organisation that directory registered (株式会社佐藤製作所)
 * and its owner {@code demo-sato} signed in as {@link #owner}, once compliance knows the membership.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SignedInOwnerTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected EventStore eventStore;

    protected final LocalDate today = BusinessTime.today(Clock.systemUTC());
    protected String org;
    protected HttpGraphQlTester owner;

    @BeforeEach
    void anOrganisationDirectoryRegistered() {
        org = ComplianceTestSupport.directoryRegisters(eventStore, "株式会社佐藤製作所", "demo-sato");
        owner = as(port, "demo-sato", org);
        ComplianceTestSupport.awaitMembership(owner);
    }
}

package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.as;
import static dev.hoshi.compliance.ComplianceTestSupport.sheet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many commands at once on one organisation, from many clients of one instance and from a second instance (a
 * replica) on the same store: each succeeds or answers a clear {@code CONFLICT}, never an internal error, and every
 * success is stored exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentCommandsIT {

    private static final String SUBMIT = "mutation($input: SubmitSelfAssessmentInput!) {"
            + " submitSelfAssessment(input: $input) { assessmentId errors { code } } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    Environment environment;

    private final ExecutorService clients = Executors.newFixedThreadPool(16);
    private ConfigurableApplicationContext replica;

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void concurrentCommandsOnOneOrganisationSucceedOrAnswerConflictAndEverySuccessIsStoredOnce() throws Exception {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "同時株式会社", "demo-many");
        HttpGraphQlTester owner = as(port, "demo-many", org);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "{ organizationStatus { level } }")
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
        // a second instance on the same store, as a replica would run (arguments outrank the platform's defaults)
        replica = new SpringApplicationBuilder(ComplianceApplication.class)
                .run(
                        "--server.port=0",
                        "--hoshi.security.jwks-uri=" + environment.getProperty("hoshi.security.jwks-uri"),
                        "--spring.data.mongodb.uri=" + environment.getProperty("spring.data.mongodb.uri"),
                        "--hoshi.eventstore.database=" + environment.getProperty("hoshi.eventstore.database"),
                        "--hoshi.service.database=" + environment.getProperty("hoshi.service.database"),
                        "--hoshi.compliance.due-check.initial-delay=PT1H",
                        "--hoshi.compliance.status-backfill.initial-delay=PT1H");
        CommandGateway replicaCommands = replica.getBean(CommandGateway.class);
        SecurityActionId id = SecurityActionId.of(TenantId.of(org));

        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < 12; client++) {
            running.add(clients.submit(call(start, () -> {
                for (int i = 0; i < 5; i++) {
                    List<String> codes = owner.document(SUBMIT)
                            .variable("input", Map.of("answers", answers()))
                            .execute()
                            .path("submitSelfAssessment.errors[*].code")
                            .entityList(String.class)
                            .get();
                    outcomes.add(codes.isEmpty() ? "OK" : String.join(",", codes));
                }
            })));
        }
        for (int client = 0; client < 4; client++) {
            running.add(clients.submit(call(start, () -> {
                for (int i = 0; i < 5; i++) {
                    try {
                        CurrentContext.runWith(
                                RequestContext.forTenant(TenantId.of(org), Actor.user("demo-many")),
                                () -> replicaCommands.sendAndWait(new SubmitSelfAssessmentCommand(
                                        id, AssessmentId.random(), null, null, sheet("DONE"), null, null)));
                        outcomes.add("OK");
                    } catch (ConcurrencyException e) {
                        outcomes.add("CONFLICT");
                    }
                }
            })));
        }
        start.countDown();
        for (Future<?> f : running) {
            f.get(); // a GraphQL error (INTERNAL_ERROR) or any other exception fails the test here
        }

        assertThat(outcomes).hasSize(80).allMatch(o -> o.equals("OK") || o.equals("CONFLICT"));
        long stored = new ArrayList<>(readEvents(id))
                .stream().filter(SelfAssessmentSubmittedEvent.class::isInstance).count();
        assertThat(stored).isEqualTo(outcomes.stream().filter("OK"::equals).count());
        assertThat(stored).isPositive();
        System.out.printf(
                "concurrent commands: %d succeeded, %d answered CONFLICT%n", stored, outcomes.size() - stored);
    }

    private List<Object> readEvents(SecurityActionId id) {
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(id.toString(), 0).forEachRemaining(m -> payloads.add(m.getPayload()));
        return payloads;
    }

    private static List<Map<String, String>> answers() {
        return sheet("PARTLY").entrySet().stream()
                .map(e -> Map.of("item", e.getKey(), "answer", e.getValue()))
                .toList();
    }

    private static Callable<Void> call(CountDownLatch start, ThrowingRunnable body) {
        return () -> {
            start.await();
            body.run();
            return null;
        };
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}

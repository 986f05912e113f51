package dev.hoshi.compliance;

import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What compliance's integration tests share: directory's registration event, and callers with tokens. */
public final class ComplianceTestSupport {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private ComplianceTestSupport() {}

    /** Plays directory: an organisation with {@code owner} as its first owner now exists. */
    public static String directoryRegisters(EventStore eventStore, String name, String owner) {
        return directoryRegisters(eventStore, "org-" + System.nanoTime(), name, owner);
    }

    /** Plays directory for an organisation whose id is given (one that a stored fixture names). */
    public static String directoryRegisters(EventStore eventStore, String id, String name, String owner) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        id,
                        0,
                        new OrganizationRegisteredEvent(TenantId.of(id), name, null, null, UserId.of(owner)))));
        return id;
    }

    public static HttpGraphQlTester as(int port, String subject, String organization) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader(
                                "Authorization",
                                "Bearer " + InternalTokens.shared().user(subject, organization)))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /** A full sheet: every item answered {@code answer}. */
    public static Map<String, String> sheet(String answer) {
        return IntStream.rangeClosed(1, 25).boxed().collect(Collectors.toMap(i -> "Q" + i, i -> answer));
    }
}

package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

class MemberSequencingTest {

    private static final LocalDate DAY = LocalDate.parse("2026-09-03");
    private final MemberSequencing policy = new MemberSequencing();

    @Test
    void aMembersEventsFromEveryStreamShareOneSequenceSoOneSegmentHandlesThemInOrder() {
        List<EventMessage<?>> m1 = List.of(
                event(
                        "ConsentGrant",
                        "grant-m1",
                        new ConsentGrantedEvent(
                                ConsentGrantId.of("grant-m1"),
                                TenantId.of("m1"),
                                Grantee.supportOrganization(SupportOrganizationId.of("assoc-s")),
                                ConsentScope.FULL_DETAIL,
                                DAY,
                                null)),
                event(
                        "SecurityAction",
                        "sa-m1",
                        Statuses.nothingYet().sheet(10, DAY).event("m1", DAY)),
                event(
                        "Management",
                        "mg-m1",
                        new KeyActionConfirmedEvent(TenantId.of("m1"), "K1", "someone", null, "2023", DAY)));

        assertThat(m1).extracting(policy::getSequenceIdentifierFor).containsOnly("organization:m1");
        for (Segment segment : Segment.splitBalanced(Segment.ROOT_SEGMENT, 3)) {
            assertThat(m1)
                    .extracting(e -> segment.matches(policy.getSequenceIdentifierFor(e)))
                    .containsOnly(segment.matches(policy.getSequenceIdentifierFor(m1.get(0))));
        }
        EventMessage<?> m2 = event(
                "SecurityAction", "sa-m2", Statuses.nothingYet().sheet(10, DAY).event("m2", DAY));
        assertThat(policy.getSequenceIdentifierFor(m2)).isEqualTo("organization:m2");
    }

    @Test
    void anEventNamingNoMemberIsSequencedPerAggregate() {
        EventMessage<?> analyst = event(
                "SupportOrganization",
                "assoc-s",
                new SupportOrganizationAnalystAddedEvent(SupportOrganizationId.of("assoc-s"), UserId.of("ana")));

        assertThat(policy.getSequenceIdentifierFor(analyst)).isEqualTo("assoc-s");
    }

    private static EventMessage<?> event(String type, String aggregate, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregate, 0, payload);
    }
}

package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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

    @Test
    void everyEventTheRollupsHandleNamesItsMemberOrIsKnownToBeAboutNoMember() {
        // events about no member organisation: a support organisation's analysts, a person's erasure
        Set<Class<?>> aboutNoMember = Set.of(
                SupportOrganizationRegisteredEvent.class,
                SupportOrganizationAnalystAddedEvent.class,
                SupportOrganizationAnalystRemovedEvent.class,
                PersonErasedEvent.class);
        Set<Class<?>> handled = new HashSet<>();
        for (Class<?> component : List.of(SupportOrganizationRollupProjection.class, RollupErasure.class)) {
            assertThat(component.getAnnotation(ProcessingGroup.class).value())
                    .isEqualTo(SupportOrganizationRollupProjection.PROCESSING_GROUP);
            for (Method method : component.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventHandler.class)) {
                    handled.add(method.getParameterTypes()[0]);
                }
            }
        }

        assertThat(handled).hasSizeGreaterThan(10).containsAll(aboutNoMember);
        for (Class<?> type : handled) {
            boolean namesMember = Arrays.stream(type.getMethods())
                    .anyMatch(m -> m.getName().equals("organizationId")
                            && m.getParameterCount() == 0
                            && m.getReturnType() == TenantId.class);
            assertThat(namesMember)
                    .as("%s: sequenced by its member (TenantId organizationId()) or listed as about no member", type)
                    .isNotEqualTo(aboutNoMember.contains(type));
        }
    }

    private static EventMessage<?> event(String type, String aggregate, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregate, 0, payload);
    }
}

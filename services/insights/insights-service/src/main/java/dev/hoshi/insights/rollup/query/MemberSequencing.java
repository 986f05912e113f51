package dev.hoshi.insights.rollup.query;

import dev.hoshi.kernel.id.TenantId;
import java.lang.reflect.Method;
import java.util.Optional;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rollup projection's sequencing policy: every event about one member organisation, whichever stream it comes
 * from (its organisation, its grants, compliance's status and controls: several aggregates), goes to the same
 * segment, so the projection handles a member's events in global order, live and in a rebuild alike, and each
 * change counts in its own month of the history ({@link RollupBatch}). An event names its member by a public {@code
 * TenantId organizationId()}; any other event (a support organisation's analysts, a person's erasure) is sequenced
 * per aggregate, Axon's default ({@code MemberSequencingTest} keeps that list). The policy reads the payload, so the
 * processor's coordinator deserializes each event of the group.
 *
 * <p>The policy decides which segment handles which event, so changing it needs the projection rebuilt: a new
 * layout version ({@link SupportOrganizationRollupProjection#PROCESSING_GROUP}).
 */
final class MemberSequencing implements SequencingPolicy<EventMessage<?>> {

    /** The payload type's {@code organizationId()}, if it has one returning the member's tenant id. */
    private static final ClassValue<Optional<Method>> ORGANIZATION = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("organizationId");
                return TenantId.class.equals(method.getReturnType()) ? Optional.of(method) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Optional<Method> organization = ORGANIZATION.get(event.getPayloadType());
        if (organization.isEmpty()) {
            return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        }
        try {
            return "organization:" + organization.get().invoke(event.getPayload());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot read the member of " + event.getPayloadType().getName() + " to sequence it", e);
        }
    }

    /** Registers the policy for the rollup projection's processing group. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ConfigurerModule rollupsSequencedByMember() {
            return configurer -> configurer.eventProcessing(processing -> processing.registerSequencingPolicy(
                    SupportOrganizationRollupProjection.PROCESSING_GROUP, config -> new MemberSequencing()));
        }
    }
}

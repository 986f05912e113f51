package dev.hoshi.directory.support.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.ListOrganizationMembershipsQuery;
import dev.hoshi.directory.api.support.ListSupportOrganizationMembershipsQuery;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipDeclinedEvent;
import dev.hoshi.directory.api.support.MembershipParty;
import dev.hoshi.directory.api.support.MembershipProposedEvent;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.MembershipStatus;
import dev.hoshi.directory.api.support.MembershipView;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.axon.ProjectionBatchInterceptor;
import dev.hoshi.testsupport.TestMongo;
import dev.hoshi.testsupport.axon.Deliveries;
import dev.hoshi.testsupport.axon.ReadModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/**
 * Memberships written per batch of events, as the pooled processors deliver them, give the lists that one event at
 * a time gives: in batches of the processor's size (a pair's changes spread over batches) and in one batch of them
 * all (a pair's changes folded in one), document for document; an organisation that has acted on a pair keeps its
 * name shown when the support organisation proposes again; a batch delivered again changes nothing.
 */
class MembershipBatchTest {

    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final SupportOrganizationId ASSOCIATION = SupportOrganizationId.of("assoc-a");
    private static final SupportOrganizationId CHAMBER = SupportOrganizationId.of("assoc-b");
    private static final int ORGANISATIONS = 300;

    private final TestMongo mongo = TestMongo.get();
    private final List<EventMessage<?>> events = history();
    private final Map<String, MongoDatabase> databases = new HashMap<>();

    @Test
    void batchesGiveTheListsOneEventAtATimeGives() {
        MembershipProjection oneByOne = projection("one-by-one");
        new Deliveries(oneByOne).oneByOne(events);
        MembershipProjection inHundreds = projection("in-hundreds");
        new Deliveries(inHundreds, new ProjectionBatchInterceptor()).inBatches(events, 100);
        MembershipProjection inOne = projection("in-one");
        new Deliveries(inOne, new ProjectionBatchInterceptor()).batch(events);

        assertThat(stored("in-hundreds")).isEqualTo(stored("one-by-one"));
        assertThat(stored("in-one")).isEqualTo(stored("one-by-one"));
        for (MembershipProjection batched : List.of(inHundreds, inOne)) {
            for (SupportOrganizationId support : List.of(ASSOCIATION, CHAMBER)) {
                ListSupportOrganizationMembershipsQuery query = new ListSupportOrganizationMembershipsQuery(support);
                assertThat(batched.handle(query)).isEqualTo(oneByOne.handle(query));
            }
            for (int i = 0; i < ORGANISATIONS; i++) {
                ListOrganizationMembershipsQuery query = new ListOrganizationMembershipsQuery(organization(i));
                assertThat(batched.handle(query)).isEqualTo(oneByOne.handle(query));
            }
        }
        assertThat(inOne.handle(new ListSupportOrganizationMembershipsQuery(ASSOCIATION)))
                .hasSize(ORGANISATIONS);
        assertThat(inOne.handle(new ListSupportOrganizationMembershipsQuery(CHAMBER)))
                .hasSize(ORGANISATIONS / 3);
        MembershipView proposedAgain = inOne.handle(new ListOrganizationMembershipsQuery(organization(1))).stream()
                .filter(m -> m.supportOrganizationId().equals(ASSOCIATION.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(proposedAgain.status()).isEqualTo(MembershipStatus.PENDING);
        assertThat(proposedAgain.organizationName())
                .as("the organisation declined once: it has acted, so its name is shown")
                .isEqualTo("組織 1");
        MembershipView unanswered = inOne.handle(new ListOrganizationMembershipsQuery(organization(3))).stream()
                .filter(m -> m.supportOrganizationId().equals(ASSOCIATION.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(unanswered.organizationName()).isNull();
    }

    @Test
    void aBatchDeliveredAgainChangesNothing() {
        MembershipProjection once = projection("once");
        new Deliveries(once, new ProjectionBatchInterceptor()).batch(events);
        MembershipProjection twice = projection("twice");
        Deliveries deliveries = new Deliveries(twice, new ProjectionBatchInterceptor());
        deliveries.batch(events);
        deliveries.batch(events);

        assertThat(stored("twice")).isEqualTo(stored("once"));
    }

    private MembershipProjection projection(String name) {
        MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("memberships-" + name));
        databases.put(name, db);
        return new MembershipProjection(db);
    }

    /** Every document the projection stored, its sets' members in any order ({@code $addToSet} in batches). */
    private Map<String, List<String>> stored(String name) {
        return ReadModels.contents(
                        databases.get(name), Set.of(), new ReadModels.Canon(Set.of(), Set.of("pairs"), false))
                .collections();
    }

    /**
     * Both associations registered, then per organisation: registered; proposed by the association; accepted (even
     * ones) or declined and proposed again (i % 4 == 1) or left unanswered; every third one recorded by the chamber.
     */
    private static List<EventMessage<?>> history() {
        List<Object> payloads = new ArrayList<>();
        payloads.add(new SupportOrganizationRegisteredEvent(
                ASSOCIATION, "テスト工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, UserId.of("analyst")));
        payloads.add(new SupportOrganizationRegisteredEvent(
                CHAMBER, "テスト商工会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, UserId.of("analyst")));
        for (int i = 0; i < ORGANISATIONS; i++) {
            payloads.add(new OrganizationRegisteredEvent(organization(i), "組織 " + i, null, null, UserId.of("owner")));
            payloads.add(
                    new MembershipProposedEvent(ASSOCIATION, organization(i), MembershipParty.SUPPORT_ORGANIZATION));
        }
        for (int i = 0; i < ORGANISATIONS; i++) {
            if (i % 2 == 0) {
                payloads.add(new MembershipAcceptedEvent(ASSOCIATION, organization(i), MembershipParty.ORGANIZATION));
            } else if (i % 4 == 1) {
                payloads.add(new MembershipDeclinedEvent(ASSOCIATION, organization(i), MembershipParty.ORGANIZATION));
                payloads.add(new MembershipProposedEvent(
                        ASSOCIATION, organization(i), MembershipParty.SUPPORT_ORGANIZATION));
            }
            if (i % 3 == 0) {
                payloads.add(new MembershipRecordedEvent(CHAMBER, organization(i)));
            }
        }
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new GenericEventMessage<>(
                    UUID.randomUUID().toString(), payloads.get(i), Map.of(), START.plusSeconds(i)));
        }
        return events;
    }

    private static TenantId organization(int i) {
        return TenantId.of("org-" + i);
    }
}

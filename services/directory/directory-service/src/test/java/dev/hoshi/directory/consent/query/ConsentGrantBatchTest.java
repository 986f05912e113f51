package dev.hoshi.directory.consent.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantView;
import dev.hoshi.directory.api.consent.ConsentGrantView.ChangeKind;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.ConsentStatus;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.consent.ListConsentGrantsQuery;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.axon.ProjectionBatchInterceptor;
import dev.hoshi.testsupport.TestMongo;
import dev.hoshi.testsupport.axon.Deliveries;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The consent grants written per batch of events, as the pooled processors deliver them: the same lists as one event
 * at a time, past the processor's batch size of 100; a batch delivered again after its flush wrote (its token was not
 * stored) changes nothing more, even after an erasure rewrote who made its changes; the batch's erasures run on what
 * the batch wrote.
 */
class ConsentGrantBatchTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    private final TestMongo mongo = TestMongo.get();
    private final AtomicLong seconds = new AtomicLong();

    @Test
    void aBatchOfManyOrganisationsGivesWhatOneEventAtATimeGives() {
        List<EventMessage<?>> events = history(60); // 60 organisations, 4 events each: 240 events

        ConsentGrantProjection oneByOne = projection("one-by-one");
        new Deliveries(oneByOne).oneByOne(events);
        ConsentGrantProjection batched = projection("batched");
        new Deliveries(batched, new ProjectionBatchInterceptor()).inBatches(events, 150);

        for (int i = 0; i < 60; i++) {
            ListConsentGrantsQuery query = new ListConsentGrantsQuery(organization(i));
            assertThat(batched.handle(query)).isEqualTo(oneByOne.handle(query)).hasSize(2);
        }
        ConsentGrantView widened = batched.handle(new ListConsentGrantsQuery(organization(7))).stream()
                .filter(g -> g.id().equals("grant-7-a"))
                .findFirst()
                .orElseThrow();
        assertThat(widened.scope()).isEqualTo(ConsentScope.LEVEL_AND_SCORES);
        assertThat(widened.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(widened.history())
                .extracting(ConsentGrantView.Change::change)
                .containsExactly(ChangeKind.GRANTED, ChangeKind.SCOPE_CHANGED, ChangeKind.REVOKED);
    }

    @Test
    void aBatchDeliveredAgainAfterItWasWrittenChangesNothingMore() {
        List<EventMessage<?>> events = history(3);
        List<EventMessage<?>> grants = granted(events, true);
        List<EventMessage<?>> changes = granted(events, false);
        ConsentGrantProjection once = projection("once");
        Deliveries deliveredOnce = new Deliveries(once, new ProjectionBatchInterceptor());
        deliveredOnce.batch(grants);
        deliveredOnce.batch(changes);
        ConsentGrantProjection twice = projection("twice");
        Deliveries deliveredTwice = new Deliveries(twice, new ProjectionBatchInterceptor());
        deliveredTwice.batch(grants);
        deliveredTwice.batch(changes);
        deliveredTwice.batch(changes); // as after a flush that wrote, when the token was not stored

        for (int i = 0; i < 3; i++) {
            ListConsentGrantsQuery query = new ListConsentGrantsQuery(organization(i));
            assertThat(twice.handle(query)).isEqualTo(once.handle(query));
        }
        assertThat(twice.handle(new ListConsentGrantsQuery(organization(0))))
                .filteredOn(g -> g.id().equals("grant-0-a"))
                .singleElement()
                .satisfies(g -> assertThat(g.history()).hasSize(3));
    }

    @Test
    void aBatchDeliveredAgainAfterAnErasureKeepsTheErasedReading() {
        List<EventMessage<?>> events = history(2);
        MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("consent-erased"));
        ConsentGrantProjection projection = new ConsentGrantProjection(db, CLOCK, null);
        Deliveries deliveries = new Deliveries(projection, new ProjectionBatchInterceptor());
        List<EventMessage<?>> grants = granted(events, true);
        List<EventMessage<?>> changes = granted(events, false);
        deliveries.batch(grants);
        deliveries.batch(changes);
        // the person who made every change is erased (in another segment, say), as ReadModelErasure rewrites them
        for (Document doc : db.getCollection("consent_grants").find()) {
            String json = doc.toJson().replace("owner-1", "erased-0000abcd");
            db.getCollection("consent_grants").replaceOne(new Document("_id", doc.get("_id")), Document.parse(json));
        }

        deliveries.batch(changes);

        assertThat(db.getCollection("consent_grants").find().map(Document::toJson))
                .isNotEmpty()
                .noneMatch(json -> json.contains("owner-1"));
        assertThat(projection.handle(new ListConsentGrantsQuery(organization(1))))
                .filteredOn(g -> g.id().equals("grant-1-a"))
                .singleElement()
                .satisfies(g -> assertThat(g.history())
                        .extracting(ConsentGrantView.Change::change)
                        .containsExactly(ChangeKind.GRANTED, ChangeKind.SCOPE_CHANGED, ChangeKind.REVOKED));
    }

    @Test
    void theBatchsErasuresRunOnWhatTheBatchWrote() {
        MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("consent-batch"));
        ConsentGrantBatch batch = new ConsentGrantBatch(db.getCollection("consent_grants"));
        List<Document> seenByErasure = new ArrayList<>();
        batch.change("org-1", list -> list.add(new Document("_id", "grant-1").append("history", List.of())));
        batch.erase(() -> db.getCollection("consent_grants").find().forEach(seenByErasure::add));
        batch.change("org-2", list -> list.add(new Document("_id", "grant-2").append("history", List.of())));

        batch.flush();

        assertThat(seenByErasure).extracting(doc -> doc.getString("_id")).containsExactlyInAnyOrder("org-1", "org-2");
    }

    private ConsentGrantProjection projection(String name) {
        MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("consent-" + name));
        return new ConsentGrantProjection(db, CLOCK, null);
    }

    /** Per organisation: a grant given, widened and revoked, and a second grant given. */
    private List<EventMessage<?>> history(int organisations) {
        List<EventMessage<?>> events = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 4, 1);
        for (int i = 0; i < organisations; i++) {
            TenantId organization = organization(i);
            Grantee association = new Grantee(GranteeKind.SUPPORT_ORGANIZATION, "assoc-1");
            Grantee bank = new Grantee(GranteeKind.PARTNER_CLIENT, "bank-1");
            ConsentGrantId first = ConsentGrantId.of("grant-" + i + "-a");
            ConsentGrantId second = ConsentGrantId.of("grant-" + i + "-b");
            events.add(event(
                    new ConsentGrantedEvent(first, organization, association, ConsentScope.LEVEL_ONLY, start, null)));
            events.add(event(new ConsentScopeChangedEvent(
                    first,
                    organization,
                    association,
                    ConsentScope.LEVEL_ONLY,
                    ConsentScope.LEVEL_AND_SCORES,
                    start,
                    null)));
            events.add(event(new ConsentGrantedEvent(
                    second, organization, bank, ConsentScope.LEVEL_ONLY, start, start.plusYears(1))));
            events.add(event(new ConsentRevokedEvent(
                    first, organization, association, ConsentScope.LEVEL_AND_SCORES, start, null, start.plusDays(30))));
        }
        return events;
    }

    private EventMessage<?> event(Object payload) {
        return new GenericEventMessage<>(
                UUID.randomUUID().toString(),
                payload,
                Map.of("actor", "USER:owner-1"),
                START.plusSeconds(seconds.incrementAndGet()));
    }

    /** The grants given ({@code true}), or every later change of them ({@code false}), in the order of {@code events}. */
    private static List<EventMessage<?>> granted(List<EventMessage<?>> events, boolean given) {
        return events.stream()
                .filter(e -> (e.getPayload() instanceof ConsentGrantedEvent) == given)
                .toList();
    }

    private static TenantId organization(int i) {
        return TenantId.of("org-" + i);
    }
}

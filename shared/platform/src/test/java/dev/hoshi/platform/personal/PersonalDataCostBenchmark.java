package dev.hoshi.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.eventstore.EventStoreCollections;
import dev.hoshi.eventstore.HoshiEventStorageEngine;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import dev.hoshi.testsupport.TestMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * What sealing personal data costs an append and a read through Hoshi's engine: the same events, with three marked
 * fields and a person as actor, appended one per call and read back, through the plain serializer and the sealing
 * one, on the server the tests use. Not part of the suite (no {@code Test} suffix); run it with {@code
 * -Dtest=PersonalDataCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PersonalDataCostBenchmark {

    private static final int EVENTS = 2_000;
    private static final int PEOPLE = 50;

    record NoteTaken(
            TenantId organizationId,
            @Personal UserId author,
            @Personal(KeyOf.ORGANIZATION) String note,
            @Personal(KeyOf.ORGANIZATION) String reason) {}

    @Test
    void appendAndReadWithAndWithoutSealing() {
        TestMongo mongo = TestMongo.get();
        Serializer plain =
                JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        PersonalDataVault vault = new PersonalDataVault(mongo.client().getDatabase(mongo.freshDatabaseName("vault")));
        Serializer sealing = PersonalDataSerializer.wrap(
                JacksonSerializer.builder().objectMapper(new ObjectMapper()).build(), vault);

        for (int round = 0; round < 2; round++) { // the first round warms up
            double[] clear = run(mongo, plain);
            double[] sealed = run(mongo, sealing);
            System.out.printf(
                    "[personal-data cost] round %d, %d events, %d people, backend %s: append %.3f ms/event clear,"
                            + " %.3f sealed (x%.2f); read %.3f ms/event clear, %.3f sealed (x%.2f)%n",
                    round,
                    EVENTS,
                    PEOPLE,
                    mongo.client().getClusterDescription().getShortDescription(),
                    clear[0],
                    sealed[0],
                    sealed[0] / clear[0],
                    clear[1],
                    sealed[1],
                    sealed[1] / clear[1]);
        }
    }

    /** Milliseconds per event: appending one per call, then reading every aggregate back. */
    private static double[] run(TestMongo mongo, Serializer serializer) {
        HoshiEventStorageEngine engine = HoshiEventStorageEngine.builder()
                .mongoClient(mongo.client())
                .collections(EventStoreCollections.in(mongo.freshDatabaseName("es")))
                .serializer(serializer)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            String person = "person-" + (i % PEOPLE);
            DomainEventMessage<NoteTaken> event = new GenericDomainEventMessage<>(
                    "Note",
                    "note-" + (i % PEOPLE),
                    i / PEOPLE,
                    new NoteTaken(TenantId.of("acme"), UserId.of(person), "メモ " + i, "理由 " + i),
                    MetaData.with("actor", "USER:" + person).and("tenantId", "acme"));
            engine.appendEvents(event);
        }
        long appended = System.nanoTime();
        List<Object> read = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            engine.readEvents("note-" + p).asStream().forEach(m -> {
                read.add(m.getPayload());
                read.add(m.getMetaData().get("actor"));
            });
        }
        long done = System.nanoTime();
        assertThat(read).hasSize(2 * EVENTS).doesNotContainNull();
        return new double[] {(appended - start) / 1e6 / EVENTS, (done - appended) / 1e6 / EVENTS};
    }
}

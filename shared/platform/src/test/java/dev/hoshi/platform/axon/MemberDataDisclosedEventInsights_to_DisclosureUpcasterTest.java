package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.kernel.id.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A disclosure event as insights stored it before the event moved reads as the moved class, and nothing else changes. */
class MemberDataDisclosedEventInsights_to_DisclosureUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final EventUpcasterChain chain =
            new EventUpcasterChain(new MemberDataDisclosedEventInsights_to_DisclosureUpcaster());

    @Test
    void anEventStoredUnderInsightsApiReadsAsTheSharedDisclosureEvent() throws IOException {
        Document stored = fixture("events/member-data-disclosed-insights-api.json");

        IntermediateEventRepresentation read = readThroughTheChain(stored);

        assertThat(read.getType().getName()).isEqualTo(MemberDataDisclosedEvent.class.getName());
        assertThat(read.getType().getRevision()).isNull();
        assertThat(read.getMessageIdentifier()).isEqualTo(stored.getString("eventId"));
        assertThat(read.getData(String.class).getData()).isEqualTo(stored.getString("payload"));
        assertThat(read.getMetaData().getObject()).containsEntry("actor", "USER:analyst-kogyokai");
        assertThat(payloadOf(read))
                .isEqualTo(new MemberDataDisclosedEvent(
                        TenantId.of("sato-seisakusho"), "USER:analyst-kogyokai", "LEVEL_AND_SCORES", "MEMBER_LIST"));
    }

    @Test
    void otherEventsPassAsStored() throws IOException {
        Document stored = fixture("events/member-data-disclosed-insights-api.json")
                .append("payloadType", "dev.hoshi.insights.api.disclosure.SomethingElseEvent")
                .append("payloadRevision", "2");

        IntermediateEventRepresentation read = readThroughTheChain(stored);

        assertThat(read.getType().getName()).isEqualTo("dev.hoshi.insights.api.disclosure.SomethingElseEvent");
        assertThat(read.getType().getRevision()).isEqualTo("2");
    }

    @Test
    void theRevisionIsKeptWhenTheStoredEventHasOne() throws IOException {
        Document stored =
                fixture("events/member-data-disclosed-insights-api.json").append("payloadRevision", "1");

        assertThat(readThroughTheChain(stored).getType().getRevision()).isEqualTo("1");
    }

    /** As Hoshi's event store hands a stored document to Axon (see the eventstore's EventDocuments). */
    private IntermediateEventRepresentation readThroughTheChain(Document stored) {
        String aggregateId = stored.getString("aggregateId");
        String eventId = stored.getString("eventId");
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>(
                stored.getString("type"),
                eventId.equals(aggregateId) ? null : aggregateId,
                stored.get("seq", Number.class).longValue(),
                eventId,
                stored.getString("timestamp"),
                stored.getString("payloadType"),
                stored.getString("payloadRevision"),
                stored.getString("payload"),
                stored.getString("metaData"));
        List<IntermediateEventRepresentation> read = chain.upcast(
                        Stream.of(new InitialEventRepresentation(entry, serializer)))
                .toList();
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    private Object payloadOf(IntermediateEventRepresentation read) {
        SerializedObject<String> data = read.getData(String.class);
        return serializer.deserialize(new SimpleSerializedObject<>(data.getData(), String.class, read.getType()));
    }

    private static Document fixture(String name) throws IOException {
        try (InputStream in = MemberDataDisclosedEventInsights_to_DisclosureUpcasterTest.class
                .getClassLoader()
                .getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

package dev.hoshi.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.kernel.id.TenantId;
import org.junit.jupiter.api.Test;

/** The event's fields are its stored JSON: events already in the store must keep reading. */
class MemberDataDisclosedEventTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPayloadStoredByInsightsReadsAsTheEvent() throws Exception {
        String stored =
                """
                {"organizationId":"sato-seisakusho","viewer":"USER:analyst-kogyokai","scope":"LEVEL_AND_SCORES","what":"MEMBER_LIST"}""";

        assertThat(json.readValue(stored, MemberDataDisclosedEvent.class))
                .isEqualTo(new MemberDataDisclosedEvent(
                        TenantId.of("sato-seisakusho"), "USER:analyst-kogyokai", "LEVEL_AND_SCORES", "MEMBER_LIST"));
    }

    @Test
    void theEventWritesTheSameFields() throws Exception {
        MemberDataDisclosedEvent event = new MemberDataDisclosedEvent(
                TenantId.of("sato-seisakusho"), "PARTNER_CLIENT:bank", "LEVEL_AND_SCORES", "ATTESTATION");

        assertThat(json.readTree(json.writeValueAsString(event)).fieldNames())
                .toIterable()
                .containsExactly("organizationId", "viewer", "scope", "what");
    }
}

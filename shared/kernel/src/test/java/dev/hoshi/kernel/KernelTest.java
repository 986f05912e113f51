package dev.hoshi.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KernelTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void typedIdsSerializeAsTheirPlainValue() throws Exception {
        TenantId tenant = TenantId.of("acme-01");

        assertThat(json.writeValueAsString(tenant)).isEqualTo("\"acme-01\"");
        assertThat(json.readValue("\"acme-01\"", TenantId.class)).isEqualTo(tenant);
        assertThat(tenant).hasToString("acme-01");
    }

    @Test
    void typedIdsRefuseValuesThatCannotBeEmbeddedInKeys() {
        assertThatThrownBy(() -> TenantId.of("a:b")).hasMessageContaining("tenant id");
        assertThatThrownBy(() -> TenantId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actorsRoundTripThroughTheirTextForm() {
        Actor actor = Actor.user("google-oauth2|123:456");

        assertThat(Actor.parse(actor.toString())).isEqualTo(actor);
        assertThat(Actor.parse("SYSTEM:hoshi")).isEqualTo(Actor.SYSTEM);
        assertThatThrownBy(() -> Actor.parse("nobody")).hasMessageContaining("kind:id");
    }

    @Test
    void theContextIsBoundOnlyForTheWorkAndRestoredAfterwards() {
        RequestContext outer = RequestContext.forTenant(TenantId.of("a"), Actor.user("alice"));
        RequestContext inner = RequestContext.withoutTenant(Actor.SYSTEM);

        assertThat(CurrentContext.get()).isEmpty();
        CurrentContext.runWith(outer, () -> {
            CurrentContext.runWith(
                    inner, () -> assertThat(CurrentContext.require()).isEqualTo(inner));
            assertThat(CurrentContext.require()).isEqualTo(outer);
        });
        assertThat(CurrentContext.get()).isEmpty();
    }

    @Test
    void workWithoutAContextOrTenantFailsWithAnErrorThatSaysSo() {
        assertThatThrownBy(CurrentContext::require)
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
        assertThatThrownBy(() -> RequestContext.withoutTenant(Actor.SYSTEM).requireTenant())
                .isInstanceOfSatisfying(HoshiException.class, e -> {
                    assertThat(e.code()).isEqualTo("TENANT_REQUIRED");
                    assertThat(e.messageJa()).contains("組織");
                });
    }

    @Test
    void errorCodesAreUpperSnakeCase() {
        assertThatThrownBy(() -> new HoshiException("bad code", ErrorKind.CONFLICT, "m", "m"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HoshiException.notFound().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void businessDatesFollowJapanNotUtc() {
        // 2026-03-31T16:00Z is already 1 April in Tokyo
        Clock clock = Clock.fixed(Instant.parse("2026-03-31T16:00:00Z"), ZoneOffset.UTC);

        assertThat(BusinessTime.today(clock)).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(BusinessTime.isInFuture(LocalDate.of(2026, 4, 1), clock)).isFalse();
        assertThat(BusinessTime.isInFuture(LocalDate.of(2026, 4, 2), clock)).isTrue();
    }
}

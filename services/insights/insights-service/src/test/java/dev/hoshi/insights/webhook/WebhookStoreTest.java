package dev.hoshi.insights.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.insights.rollup.subscription.GranteeNotice;
import dev.hoshi.insights.rollup.subscription.MemberStatusChange;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhooks' stored shapes read back as written, a change queued twice is one delivery, the log past a page. */
class WebhookStoreTest {

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("webhooks"));
    private static final Instant AT = Instant.parse("2026-11-10T03:00:00Z");
    private final MutableClock clock = new MutableClock(AT);
    private final WebhookStore store = new WebhookStore(db);
    private final WebhookSecrets secrets = new WebhookSecrets(db, "");
    private final SubscriberAccess access = new SubscriberAccess() {
        @Override
        public boolean isAnalyst(String supportOrganization, String user) {
            return "analyst".equals(user);
        }

        @Override
        public Optional<ConsentScope> scope(String supportOrganization, String organization) {
            return Optional.of(ConsentScope.FULL_DETAIL);
        }
    };
    private final WebhookRegistry registry = new WebhookRegistry(store, secrets, access, clock, false);
    private final WebhookOutbox outbox = new WebhookOutbox(store, new ObjectMapper(), clock);

    @Test
    void anEndpointReadsBackAsRegisteredAndItsSecretOnlySealed() {
        WebhookRegistry.Registered registered = registry.register(
                "assoc",
                "https://portal.example.jp/hook",
                List.of(WebhookEventType.SCORE_CHANGED, WebhookEventType.SCORE_CHANGED));

        assertThat(registry.webhooks("assoc")).containsExactly(registered.webhook());
        assertThat(registered.webhook())
                .isEqualTo(new WebhookRegistry.Webhook(
                        registered.webhook().id(),
                        "assoc",
                        "assoc",
                        null,
                        "https://portal.example.jp/hook",
                        List.of(WebhookEventType.SCORE_CHANGED),
                        "2026-11-10T03:00:00Z",
                        null));
        String stored = store.endpoint(registered.webhook().id()).orElseThrow().getString("secret");
        assertThat(stored).doesNotContain(registered.secret().substring(6));
        assertThat(secrets.open(registered.webhook().id(), stored)).isEqualTo(registered.secret());
        assertThat(new WebhookSecrets(db, "").open(registered.webhook().id(), stored))
                .as("the key made once is the one every instance reads")
                .isEqualTo(registered.secret());
    }

    @Test
    void aPartnersEndpointReadsBackAsItsOwnAndARemovedOneKeepsItsLogButNothingPending() {
        String owner = WebhookRegistry.ownerKey(GranteeKind.PARTNER_CLIENT, "assoc");
        WebhookRegistry.Webhook partners = registry.register(
                        owner, "https://bank.example.jp/hook", List.of(WebhookEventType.GRANT_ENDED))
                .webhook();
        assertThat(partners.partnerClientId()).isEqualTo("assoc");
        assertThat(partners.supportOrganizationId()).isNull();
        assertThat(registry.webhooks(owner)).containsExactly(partners);
        assertThat(registry.webhooks("assoc")).doesNotContain(partners);

        MemberStatusChange ended = new MemberStatusChange(
                "assoc", "org-x", null, "LEVEL_ONLY", null, null, null, null, null, null, null, AT);
        GranteeNotice notice =
                new GranteeNotice(GranteeKind.PARTNER_CLIENT, "assoc", GranteeNotice.Type.GRANT_ENDED, ended);
        assertThat(outbox.queue(notice)).isEqualTo(1);
        assertThat(outbox.queue(notice)).isZero();
        String delivery = WebhookOutbox.deliveryId(partners.id(), notice);
        assertThat(registry.delivery(delivery).orElseThrow().payload())
                .contains("\"partnerClientId\":\"assoc\"")
                .contains("\"eventTypes\":[\"GRANT_ENDED\"]")
                .doesNotContain("supportOrganizationId")
                .doesNotContain("level");

        WebhookRegistry.Webhook removed = registry.remove(partners.id());
        assertThat(removed.removedAt()).isEqualTo(AT.toString());
        assertThat(registry.remove(partners.id())).isEqualTo(removed);
        assertThat(registry.webhooks(owner)).isEmpty();
        assertThat(registry.deliveries(partners.id(), 10))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo("DROPPED"))
                .satisfies(d -> assertThat(d.lastError()).isEqualTo("endpoint removed"));
        assertThat(outbox.queue(new GranteeNotice(
                        GranteeKind.PARTNER_CLIENT,
                        "assoc",
                        GranteeNotice.Type.GRANT_ENDED,
                        new MemberStatusChange(
                                "assoc", "org-y", null, "LEVEL_ONLY", null, null, null, null, null, null, null, AT))))
                .as("a removed endpoint gets nothing new")
                .isZero();
    }

    @Test
    void aChangeHandledTwiceIsOneDeliveryAndTheLogKeepsTheLatestThousandNewestFirst() {
        String hook = registry.register(
                        "assoc", "https://portal.example.jp/hook", List.of(WebhookEventType.SCORE_CHANGED))
                .webhook()
                .id();
        MemberStatusChange change = change(0);
        assertThat(outbox.queue(change)).isEqualTo(1);
        assertThat(outbox.queue(change)).isZero();
        WebhookRegistry.Delivery first = registry.deliveries(hook, 10).get(0);
        assertThat(first)
                .isEqualTo(new WebhookRegistry.Delivery(
                        WebhookOutbox.deliveryId(hook, change),
                        hook,
                        "assoc",
                        List.of(WebhookEventType.SCORE_CHANGED),
                        "PENDING",
                        0,
                        "2026-11-10T03:00:00Z",
                        null,
                        null,
                        null,
                        "2026-11-10T03:00:00Z",
                        first.payload()));
        assertThat(first.payload()).contains("\"score\":1", "\"organizationId\":\"m0\"");

        for (int i = 1; i < 1005; i++) {
            clock.advance(Duration.ofSeconds(1));
            outbox.queue(change(i));
        }
        List<WebhookRegistry.Delivery> page = registry.deliveries(hook, 200);
        assertThat(page).hasSize(200);
        assertThat(page.get(0).payload()).contains("\"organizationId\":\"m1004\"");
        assertThat(page.get(199).payload()).contains("\"organizationId\":\"m805\"");
        assertThat(registry.deliveries(hook, 5000)).hasSize(1000);
        assertThat(store.due(5000, clock.instant())).hasSize(1005);
    }

    private static MemberStatusChange change(int i) {
        return new MemberStatusChange(
                "assoc",
                "m" + i,
                "株式会社" + i,
                "FULL_DETAIL",
                "NONE",
                "NONE",
                "NOT_DECLARED",
                "NOT_DECLARED",
                null,
                null,
                i + 1,
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i));
    }
}

package dev.hoshi.insights.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.partner.PartnerClientRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.api.platform.FindRegisteredOrganizationQuery;
import dev.hoshi.insights.api.platform.PlatformSummaryQuery;
import dev.hoshi.insights.api.platform.PlatformSummaryView;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.TestMongo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The projection as a plain object against the test MongoDB. */
class PlatformSummaryProjectionIT {

    private final TestMongo mongo = TestMongo.get();
    private final PlatformSummaryProjection projection =
            new PlatformSummaryProjection(mongo.client().getDatabase(mongo.freshDatabaseName("insights")));

    private final OrganizationRegisteredEvent sato =
            new OrganizationRegisteredEvent(TenantId.of("sato"), "佐藤製作所", null, null, UserId.of("demo-sato"));

    @Test
    void countsEachKindOfEntityOnceEvenWhenAnEventIsDeliveredAgain() {
        Instant at = Instant.parse("2026-04-01T00:00:00Z");
        projection.on(sato, at);
        projection.on(sato, at); // redelivered after a crash before the token was stored
        projection.on(new OrganizationRegisteredEvent(TenantId.of("suzuki"), "鈴木商店", null, null, UserId.of("x")), at);
        projection.on(new SupportOrganizationRegisteredEvent(
                SupportOrganizationId.of("assoc"),
                "工業会",
                null,
                SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                UserId.of("a")));
        projection.on(new PartnerClientRegisteredEvent(PartnerClientId.of("bank"), "銀行"));

        assertThat(projection.handle(new PlatformSummaryQuery())).isEqualTo(new PlatformSummaryView(2, 1, 1));
        assertThat(projection.handle(new FindRegisteredOrganizationQuery(TenantId.of("sato"))))
                .hasValueSatisfying(o -> {
                    assertThat(o.name()).isEqualTo("佐藤製作所");
                    assertThat(o.registeredAt()).isEqualTo(at);
                });
        assertThat(projection.handle(new FindRegisteredOrganizationQuery(TenantId.of("nobody"))))
                .isEmpty();
    }

    @Test
    void aResetForgetsEverythingSoAReplayCountsAfresh() {
        projection.on(sato, Instant.now());
        projection.reset();

        assertThat(projection.handle(new PlatformSummaryQuery())).isEqualTo(new PlatformSummaryView(0, 0, 0));
        projection.on(sato, Instant.now());
        assertThat(projection.handle(new PlatformSummaryQuery()).organizationCount())
                .isEqualTo(1);
    }
}

package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hoshi.compliance.api.incident.IncidentCommands.CompleteIncidentPhaseCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RecordIncidentCommand;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactRemovedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactSetEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentPhaseCompletedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentRecordedEvent;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementCommands.ConfirmKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementCommands.WithdrawKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskCommands.AssessRiskCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RecordAssetCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RemoveAssetCommand;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRecordedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRemovedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.RiskAssessedEvent;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.kernel.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The risk register's, the management checklist's and the incident playbook's messages survive the store's Jackson serialisation unchanged (ids, dates, nulls, lists). */
class MessagesRoundTripTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final LocalDate ON = LocalDate.of(2026, 3, 1);
    private static final Instant AT = Instant.parse("2026-03-01T01:02:03.456Z");
    private static final Asset ASSET = new Asset("営業", "顧客名簿", "営業部", "部長", "クラウド", "氏名・連絡先", "5年", 3, 2, 1);

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    static List<Object> messages() {
        return List.of(
                new AssetRecordedEvent(SATO, "customers", ASSET, "3.1", ON),
                new AssetRecordedEvent(
                        SATO, "brochure", new Asset(null, "会社案内", null, null, null, null, null, 1, 1, 1), "3.1", ON),
                new RiskAssessedEvent(SATO, "customers", 3, 2, "REDUCE", List.of("C03-01", "C04-01"), "要対策", "3.1", ON),
                new RiskAssessedEvent(SATO, "customers", 1, 1, "ACCEPT", List.of(), null, "3.1", ON),
                new AssetRemovedEvent(SATO, "customers", null, ON),
                new RecordAssetCommand(RiskRegisterId.of(SATO), "customers", ASSET, null),
                new AssessRiskCommand(RiskRegisterId.of(SATO), "customers", 3, 3, "AVOID", List.of("C01-01"), null, ON),
                new RemoveAssetCommand(RiskRegisterId.of(SATO), "customers", "廃棄", ON),
                new KeyActionConfirmedEvent(SATO, "K1", "demo-sato", "方針を社内掲示", "3.1", ON),
                new KeyActionConfirmedEvent(SATO, "K7", "demo-sato", null, "3.1", ON),
                new KeyActionWithdrawnEvent(SATO, "K1", "demo-sato", null, ON),
                new ConfirmKeyActionCommand(ManagementChecklistId.of(SATO), "K2", "demo-sato", null, null),
                new WithdrawKeyActionCommand(ManagementChecklistId.of(SATO), "K2", "demo-sato", "予算未確保", ON),
                new IncidentContactSetEvent(SATO, "ppc", "PPC", "個人情報保護委員会", "03-0000-0000", null, null, ON),
                new IncidentContactRemovedEvent(SATO, "ppc", ON),
                new IncidentRecordedEvent(SATO, "i1", "暗号化", true, AT, "DETECT", "3.1", ON),
                new IncidentPhaseCompletedEvent(SATO, "i1", "RECOVER", null, "復元済み", AT, ON),
                new RecordIncidentCommand(IncidentPlaybookId.of(SATO), "i1", "暗号化", false, null),
                new CompleteIncidentPhaseCommand(IncidentPlaybookId.of(SATO), "i1", null, AT));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTrips(Object message) {
        SerializedObject<String> written = serializer.serialize(message, String.class);
        Object read = serializer.deserialize(written);

        assertThat(read).isEqualTo(message);
        assertThat(written.getData()).doesNotContain("\"organizationId\":{");
    }
}

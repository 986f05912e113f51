package dev.hoshi.compliance.risk.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.catalog.RiskAnalysis;
import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskCommands.AssessRiskCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RecordAssetCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RemoveAssetCommand;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRecordedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRemovedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.RiskAssessedEvent;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.compliance.facts.Facts;
import dev.hoshi.compliance.risk.domain.RiskRegisterState;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organisation's risk register (付録7 リスク分析シート): its information assets with their confidentiality,
 * integrity and availability, and each asset's risk assessment (threat, vulnerability, treatment, the controls it
 * relies on). Kept apart from the SECURITY ACTION record: it decides no level. Its state is the register itself
 * (snapshot revision 1).
 */
@Aggregate(snapshotTriggerDefinition = "riskRegisterSnapshots")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class RiskRegister {

    /** An asset id: letters, digits, '-' and '_', up to 64. */
    private static final Pattern ASSET_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final int MAX_ASSETS = 1_000;

    @AggregateIdentifier
    private RiskRegisterId id;

    private RiskRegisterState state = new RiskRegisterState();

    protected RiskRegister() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordAssetCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        String assetId = assetId(command.assetId());
        Asset a = command.asset();
        if (a == null) {
            throw invalid("INVALID_ASSET", "Describe the asset.", "情報資産の内容を入力してください。");
        }
        if (!state.holds(assetId) && state.assets() >= MAX_ASSETS) {
            throw new HoshiException(
                    "TOO_MANY_ASSETS",
                    ErrorKind.BUSINESS_RULE,
                    "A register holds at most " + MAX_ASSETS + " assets; remove some first.",
                    "登録できる情報資産は" + MAX_ASSETS + "件までです。");
        }
        rating("confidentiality", a.confidentiality());
        rating("integrity", a.integrity());
        rating("availability", a.availability());
        Asset asset = new Asset(
                Text.optional("businessArea", a.businessArea(), 200),
                Text.required("name", a.name(), 200),
                Text.optional("users", a.users(), 200),
                Text.optional("owner", a.owner(), 200),
                Text.optional("medium", a.medium(), 200),
                Text.optional("personalData", a.personalData(), 200),
                Text.optional("retention", a.retention(), 200),
                a.confidentiality(),
                a.integrity(),
                a.availability());
        apply(new AssetRecordedEvent(
                command.id().tenant(), assetId, asset, catalog.current().edition(), on));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AssessRiskCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        String assetId = held(command.assetId());
        Edition edition = catalog.current();
        RiskAnalysis risk = edition.riskAnalysis();
        rating("threat", command.threat());
        rating("vulnerability", command.vulnerability());
        if (command.treatment() == null || risk.treatment(command.treatment()).isEmpty()) {
            throw invalid(
                    "UNKNOWN_TREATMENT",
                    "Choose a treatment: "
                            + risk.treatments().stream()
                                    .map(RiskAnalysis.Treatment::code)
                                    .toList() + ".",
                    "対応を選んでください: "
                            + risk.treatments().stream()
                                    .map(t -> t.code() + "（" + t.label().ja() + "）")
                                    .toList() + "。");
        }
        List<String> controls = command.controls() == null ? List.of() : List.copyOf(new TreeSet<>(command.controls()));
        List<String> unknown = new ArrayList<>();
        controls.stream().filter(c -> edition.control(c).isEmpty()).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw invalid(
                    "UNKNOWN_CONTROL",
                    "There is no control " + unknown + " in edition " + edition.edition() + ".",
                    "第" + edition.edition() + "版に管理策 " + unknown + " はありません。");
        }
        apply(new RiskAssessedEvent(
                id.tenant(),
                assetId,
                command.threat(),
                command.vulnerability(),
                command.treatment(),
                controls,
                Text.optional("note", command.note(), 2000),
                edition.edition(),
                on));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RemoveAssetCommand command, Clock clock) {
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        String assetId = held(command.assetId());
        apply(new AssetRemovedEvent(id.tenant(), assetId, Text.optional("reason", command.reason(), 1000), on));
    }

    @EventSourcingHandler
    void on(ComplianceEvent event) {
        id = RiskRegisterId.of(event.organizationId());
        state.apply(event);
    }

    // ------------------------------------------------------------------ helpers

    private String held(String assetId) {
        String checked = assetId(assetId);
        if (!state.holds(checked)) {
            throw invalid(
                    "UNKNOWN_ASSET",
                    "There is no asset " + checked + " on the register.",
                    "情報資産 " + checked + " は台帳にありません。");
        }
        return checked;
    }

    private static String assetId(String assetId) {
        if (assetId == null || !ASSET_ID.matcher(assetId).matches()) {
            throw invalid(
                    "INVALID_ASSET_ID",
                    "An asset id is 1 to 64 letters, digits, '-' or '_'.",
                    "情報資産IDは英数字・「-」・「_」の1〜64文字です。");
        }
        return assetId;
    }

    private static void rating(String field, int value) {
        if (!RiskAnalysis.onScale(value)) {
            throw invalid(
                    "INVALID_RATING",
                    field + " is rated 1 (low) to 3 (high); " + value + " is not.",
                    field + " は1（低）〜3（高）で評価してください（入力値: " + value + "）。");
        }
    }

    private static HoshiException invalid(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.INVALID_INPUT, en, ja);
    }
}

package dev.hoshi.compliance.risk.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Edition;
import dev.hoshi.catalog.RiskAnalysis;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRecordedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRemovedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.RiskAssessedEvent;
import dev.hoshi.compliance.api.risk.RiskQueries.AssetRiskView;
import dev.hoshi.compliance.api.risk.RiskQueries.BandCount;
import dev.hoshi.compliance.api.risk.RiskQueries.RiskSummaryView;
import dev.hoshi.compliance.facts.Facts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An organisation's risk register (appendix 7) and the one place its rules live: each asset's latest entry and latest
 * assessment, folded one event at a time. Importance, likelihood, risk value and band are derived from the catalog's
 * tables of the edition the caller gives, never stored. The aggregate keeps one (and snapshots it); {@code asOf}
 * questions fold one from the events effective up to that day.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class RiskRegisterState {

    /** An asset's latest entry and assessment; {@code assessment} null until assessed. */
    public record Entry(
            String assetId, Asset asset, String edition, LocalDate recordedOn, RiskAssessedEvent assessment) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The state as things stood on {@code asOf}: the events effective on or before it, in recording order. */
    public static RiskRegisterState fold(List<?> events, LocalDate asOf) {
        RiskRegisterState state = new RiskRegisterState();
        Facts.effectiveBy(events, asOf).forEach(state::apply);
        return state;
    }

    public void apply(Object event) {
        if (event instanceof AssetRecordedEvent e) {
            Entry was = entries.get(e.assetId());
            entries.put(
                    e.assetId(),
                    new Entry(
                            e.assetId(),
                            e.asset(),
                            e.edition(),
                            was == null ? e.effectiveOn() : was.recordedOn(),
                            was == null ? null : was.assessment()));
        } else if (event instanceof RiskAssessedEvent e) {
            entries.computeIfPresent(
                    e.assetId(), (id, was) -> new Entry(id, was.asset(), was.edition(), was.recordedOn(), e));
        } else if (event instanceof AssetRemovedEvent e) {
            entries.remove(e.assetId());
        }
    }

    public boolean holds(String assetId) {
        return entries.containsKey(assetId);
    }

    public int assets() {
        return entries.size();
    }

    // ------------------------------------------------------------------ rules

    /**
     * The vulnerability the controls' status proposes (Hoshi's rule, its values from the catalog): every linked
     * control implemented or not applicable → {@code allImplemented}; some implemented or in progress →
     * {@code someProgress}; none, or no controls linked → {@code none}.
     */
    public static int proposedVulnerability(
            RiskAnalysis risk, List<String> controls, Function<String, ControlStatus> statusOf) {
        if (controls.isEmpty()) {
            return risk.proposal().none();
        }
        long done = controls.stream()
                .map(statusOf)
                .filter(s -> s == ControlStatus.IMPLEMENTED || s == ControlStatus.NOT_APPLICABLE)
                .count();
        long progressed = controls.stream()
                .map(statusOf)
                .filter(s -> s == ControlStatus.IMPLEMENTED || s == ControlStatus.IN_PROGRESS)
                .count();
        if (done == controls.size()) {
            return risk.proposal().allImplemented();
        }
        return progressed > 0 ? risk.proposal().someProgress() : risk.proposal().none();
    }

    /** Every asset with what follows from it under {@code edition}'s tables, highest risk value first. */
    public List<AssetRiskView> views(Edition edition, Function<String, ControlStatus> statusOf) {
        RiskAnalysis risk = edition.riskAnalysis();
        List<AssetRiskView> views = new ArrayList<>();
        for (Entry entry : entries.values()) {
            Asset a = entry.asset();
            int importance = risk.importance(a.confidentiality(), a.integrity(), a.availability());
            RiskAssessedEvent assessed = entry.assessment();
            if (assessed == null) {
                views.add(new AssetRiskView(
                        entry.assetId(),
                        a,
                        importance,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        entry.edition(),
                        entry.recordedOn(),
                        null));
                continue;
            }
            int likelihood = risk.likelihood(assessed.threat(), assessed.vulnerability());
            int value = importance * likelihood;
            views.add(new AssetRiskView(
                    entry.assetId(),
                    a,
                    importance,
                    assessed.threat(),
                    assessed.vulnerability(),
                    proposedVulnerability(risk, assessed.controls(), statusOf),
                    likelihood,
                    value,
                    risk.band(value).code(),
                    assessed.treatment(),
                    assessed.controls(),
                    assessed.note(),
                    assessed.edition(),
                    entry.recordedOn(),
                    assessed.effectiveOn()));
        }
        views.sort(Comparator.comparing((AssetRiskView v) -> v.riskValue() == null ? 0 : v.riskValue())
                .reversed()
                .thenComparing(AssetRiskView::assetId));
        return views;
    }

    /** How many assets fall in each of the catalog's bands, how many are not assessed, and the highest value. */
    public static RiskSummaryView summary(Edition edition, List<AssetRiskView> views) {
        List<BandCount> bands = edition.riskAnalysis().bands().stream()
                .map(b -> new BandCount(b.code(), (int)
                        views.stream().filter(v -> b.code().equals(v.band())).count()))
                .toList();
        int notAssessed =
                (int) views.stream().filter(v -> v.riskValue() == null).count();
        Integer highest = views.stream()
                .map(AssetRiskView::riskValue)
                .filter(v -> v != null)
                .max(Integer::compare)
                .orElse(null);
        return new RiskSummaryView(bands, notAssessed, highest);
    }
}

package dev.hoshi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Appendix 7's tables, as the guideline gives them, read from the 3.1 catalog data. */
class RiskAnalysisTest {

    private final RiskAnalysis risk = Catalog.load().current().riskAnalysis();

    /** (3,3)→3, (3,2)→2, (2,3)→2, everything else →1. */
    @ParameterizedTest(name = "threat {0} × vulnerability {1} → likelihood {2}")
    @CsvSource({"3,3,3", "3,2,2", "3,1,1", "2,3,2", "2,2,1", "2,1,1", "1,3,1", "1,2,1", "1,1,1"})
    void everyCellOfTheLikelihoodTable(int threat, int vulnerability, int likelihood) {
        assertThat(risk.likelihood(threat, vulnerability)).isEqualTo(likelihood);
    }

    @ParameterizedTest(name = "C{0} I{1} A{2} → importance {3}")
    @CsvSource({
        "1,1,1,1", "2,1,1,2", "1,2,1,2", "1,1,2,2", "2,2,2,2", "3,1,1,3", "1,3,1,3", "1,1,3,3", "3,3,3,3", "2,3,2,3"
    })
    void importanceIsTheHighestOfConfidentialityIntegrityAndAvailability(int c, int i, int a, int importance) {
        assertThat(risk.importance(c, i, a)).isEqualTo(importance);
        assertThat(Catalog.load().current().riskAnalysis().importance().unconfirmed())
                .as("Hoshi's reading of the sheet is marked unconfirmed")
                .isTrue();
    }

    /** Risk value = importance × likelihood ∈ {1,2,3,4,6,9}: 6–9 large, 4 medium, 1–3 small. */
    @ParameterizedTest(name = "importance {0} × likelihood {1} = {2}, {3}")
    @CsvSource({
        "1,1,1,SMALL",
        "1,2,2,SMALL",
        "1,3,3,SMALL",
        "2,1,2,SMALL",
        "2,2,4,MEDIUM",
        "2,3,6,LARGE",
        "3,1,3,SMALL",
        "3,2,6,LARGE",
        "3,3,9,LARGE"
    })
    void everyImportanceAndLikelihoodGivesTheGuidelinesBand(int importance, int likelihood, int value, String band) {
        assertThat(importance * likelihood).isEqualTo(value);
        assertThat(risk.band(value).code()).isEqualTo(band);
    }

    @Test
    void theTreatmentsAreTheFourOfTheSheet() {
        assertThat(risk.treatments().stream().map(RiskAnalysis.Treatment::code))
                .containsExactly("REDUCE", "AVOID", "TRANSFER", "ACCEPT");
    }

    @Test
    void aTableWithAMissingCellOrAGapInTheBandsIsRefused() {
        RiskAnalysis broken = new RiskAnalysis(
                risk.importance(),
                risk.threats(),
                risk.vulnerabilities(),
                risk.likelihood().subList(1, 9),
                risk.bands().subList(0, 2),
                List.of(),
                risk.proposal());

        assertThat(broken.faults())
                .anyMatch(f -> f.contains("likelihood (3,3) is given 0 times"))
                .anyMatch(f -> f.contains("risk value 1 falls in 0 risk bands"))
                .anyMatch(f -> f.contains("no risk treatments"));
        assertThat(risk.faults()).isEmpty();
    }
}

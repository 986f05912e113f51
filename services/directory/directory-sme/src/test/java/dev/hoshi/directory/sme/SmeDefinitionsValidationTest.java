package dev.hoshi.directory.sme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.directory.api.organization.JsicDivision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The data file is checked at start-up: every fault is named, and one unsound file never half-loads. */
class SmeDefinitionsValidationTest {

    private static final String SHIPPED = shipped();

    @Test
    void theShippedFileIsSound() {
        assertThat(SmeDefinitions.parse(SHIPPED, "shipped").divisions()).hasSize(JsicDivision.values().length);
    }

    @Test
    void aMissingSectorIsNamed() {
        String yaml = SHIPPED.replace("  RETAIL:                     # 小売業\n", "  RETAILING:\n");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sectors.RETAILING: no such sector")
                .hasMessageContaining("sectors.RETAIL: missing");
    }

    @Test
    void aSmallThresholdAboveTheSmeThresholdIsRefused() {
        String yaml = SHIPPED.replaceFirst("smallMaxEmployees: 20", "smallMaxEmployees: 400");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining(
                        "sectors.MANUFACTURING_AND_OTHERS: smallMaxEmployees (400) exceeds smeMaxEmployees");
    }

    @Test
    void aThresholdMustBePositive() {
        String yaml = SHIPPED.replaceFirst("smeMaxCapitalYen: 100000000", "smeMaxCapitalYen: 0");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("sectors.WHOLESALE.smeMaxCapitalYen: 0 is not between 1 and");
    }

    @Test
    void aMissingThresholdIsNamed() {
        String yaml = SHIPPED.replaceFirst("    smeMaxEmployees: 50\n", "");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("sectors.RETAIL.smeMaxEmployees: missing");
    }

    @Test
    void everyDivisionMustBeMapped() {
        String yaml = SHIPPED.replace("  T:\n", "  U:\n");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("divisions.U: no such JSIC major division")
                .hasMessageContaining("divisions.T: missing");
    }

    @Test
    void anOptionMustNameAKnownSector() {
        String yaml = SHIPPED.replace("      - sector: WHOLESALE\n", "      - sector: TRADE\n");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("divisions.I.options[0].sector: 'TRADE' is not one of");
    }

    @Test
    void anOptionMustBeDescribedInBothLanguages() {
        String yaml = SHIPPED.replace("        en: wholesale trade (50-55)\n", "");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("divisions.I.options[0]: describe the option in Japanese (ja) and English (en)");
    }

    @Test
    void aDefaultMustBeOneOfTheDivisionsOptions() {
        String yaml = SHIPPED.replace("    default: SERVICES\n", "    default: RETAIL\n");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("divisions.N.default: 'RETAIL' is not one of the division's options");
    }

    @Test
    void aSectorListedTwiceInADivisionIsRefused() {
        String yaml = SHIPPED.replace(
                "      - sector: RETAIL\n        ja: 小売業", "      - sector: WHOLESALE\n        ja: 小売業");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("divisions.I.options[1].sector: WHOLESALE is listed twice");
    }

    @Test
    void everyFaultIsNamedAtOnce() {
        String yaml =
                SHIPPED.replace("  T:\n", "  U:\n").replaceFirst("smeMaxCapitalYen: 100000000", "smeMaxCapitalYen: -5");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "sme-definitions.yml"))
                .hasMessageStartingWith("The SME definitions in sme-definitions.yml are unsound:")
                .hasMessageContaining("divisions.T: missing")
                .hasMessageContaining("sectors.WHOLESALE.smeMaxCapitalYen");
    }

    @Test
    void anUnknownKeyIsRefusedRatherThanIgnored() {
        String yaml = SHIPPED.replaceFirst(
                "    smallMaxEmployees: 20\n", "    smallMaxEmployees: 20\n    smallMaxCapitalYen: 1\n");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("smallMaxCapitalYen");
    }

    @Test
    void aNumberWrittenAsWordsIsRefused() {
        String yaml = SHIPPED.replaceFirst("smeMaxEmployees: 300", "smeMaxEmployees: three hundred");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test")).hasMessageContaining("cannot be read");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> SmeDefinitions.parse("", "test")).hasMessageContaining("are empty");
    }

    @Test
    void theLegalBasisIsRequired() {
        String yaml = SHIPPED.replaceFirst("(?s)source:\n  ja: [^\n]*\n  en: [^\n]*\n", "");
        assertThatThrownBy(() -> SmeDefinitions.parse(yaml, "test"))
                .hasMessageContaining("source: give the legal basis");
    }

    private static String shipped() {
        try (InputStream in = SmeDefinitions.class.getClassLoader().getResourceAsStream(SmeDefinitions.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

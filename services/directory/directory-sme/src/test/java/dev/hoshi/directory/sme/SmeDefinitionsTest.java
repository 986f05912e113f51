package dev.hoshi.directory.sme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.SmeClass;
import dev.hoshi.directory.api.organization.SmeSector;
import dev.hoshi.kernel.error.HoshiException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SME classes under 中小企業基本法, from the shipped data file, with real-world style cases on the boundaries. */
class SmeDefinitionsTest {

    private static final SmeDefinitions SME = SmeDefinitions.load();
    private static final long MILLION = 1_000_000L;

    @Test
    void aManufacturerWith301EmployeesAnd300MillionYenIsStillAnSmeByCapital() {
        assertThat(SME.classify(JsicDivision.E, null, 301, 300 * MILLION)).contains(SmeClass.MEDIUM);
    }

    @Test
    void aManufacturerOverBothThresholdsIsLarge() {
        assertThat(SME.classify(JsicDivision.E, null, 301, 300 * MILLION + 1)).contains(SmeClass.LARGE);
    }

    @Test
    void aManufacturerWith300EmployeesIsAnSmeWhateverItsCapital() {
        assertThat(SME.classify(JsicDivision.E, null, 300, 10_000 * MILLION)).contains(SmeClass.MEDIUM);
    }

    @Test
    void aRetailerWith51EmployeesAnd60MillionYenIsLarge() {
        assertThat(SME.classify(JsicDivision.I, SmeSector.RETAIL, 51, 60 * MILLION))
                .contains(SmeClass.LARGE);
    }

    @Test
    void aRetailerWith51EmployeesAnd50MillionYenIsAnSmeByCapital() {
        assertThat(SME.classify(JsicDivision.I, SmeSector.RETAIL, 51, 50 * MILLION))
                .contains(SmeClass.MEDIUM);
    }

    @Test
    void aFivePersonWholesalerIsSmallAndASixPersonOneIsNot() {
        assertThat(SME.classify(JsicDivision.I, SmeSector.WHOLESALE, 5, 10 * MILLION))
                .contains(SmeClass.SMALL);
        assertThat(SME.classify(JsicDivision.I, SmeSector.WHOLESALE, 6, 10 * MILLION))
                .contains(SmeClass.MEDIUM);
    }

    @Test
    void aTwentyPersonFactoryIsSmallAndATwentyOnePersonOneIsNot() {
        assertThat(SME.classify(JsicDivision.E, null, 20, 10 * MILLION)).contains(SmeClass.SMALL);
        assertThat(SME.classify(JsicDivision.E, null, 21, 10 * MILLION)).contains(SmeClass.MEDIUM);
    }

    @Test
    void smallIsByEmployeesEvenWithLargeCapital() {
        // a 15-person builder with ¥1 billion capital: an SME by employees, and small by employees
        assertThat(SME.classify(JsicDivision.D, null, 15, 1_000 * MILLION)).contains(SmeClass.SMALL);
    }

    @Test
    void aSoftwareHouseIsInServicesWhereCapitalStopsAt50Million() {
        // G 39 情報サービス業: 120 employees (over 100) and ¥80M (over ¥50M) is large under the Basic Act
        assertThat(SME.classify(JsicDivision.G, SmeSector.SERVICES, 120, 80 * MILLION))
                .contains(SmeClass.LARGE);
        assertThat(SME.classify(JsicDivision.G, SmeSector.SERVICES, 100, 80 * MILLION))
                .contains(SmeClass.MEDIUM);
    }

    @Test
    void aRestaurantIsRetailAndAHotelIsServices() {
        assertThat(SME.classify(JsicDivision.M, SmeSector.RETAIL, 60, 40 * MILLION))
                .contains(SmeClass.MEDIUM);
        assertThat(SME.classify(JsicDivision.M, SmeSector.RETAIL, 60, 60 * MILLION))
                .contains(SmeClass.LARGE);
        assertThat(SME.classify(JsicDivision.M, SmeSector.SERVICES, 60, 60 * MILLION))
                .contains(SmeClass.MEDIUM);
    }

    @Test
    void aSoleProprietorHasNoCapitalAndEmployeesDecide() {
        assertThat(SME.classify(JsicDivision.I, SmeSector.RETAIL, 3, null)).contains(SmeClass.SMALL);
        assertThat(SME.classify(JsicDivision.I, SmeSector.RETAIL, 51, null)).contains(SmeClass.LARGE);
    }

    @Test
    void aOnePersonCompanyIsSmall() {
        assertThat(SME.classify(JsicDivision.L, null, 0, 1L)).contains(SmeClass.SMALL);
    }

    @ParameterizedTest(name = "{0}: SME up to {1} employees or ¥{2}; small up to {3}")
    @CsvSource({
        "MANUFACTURING_AND_OTHERS, 300, 300000000, 20",
        "WHOLESALE, 100, 100000000, 5",
        "RETAIL, 50, 50000000, 5",
        "SERVICES, 100, 50000000, 5"
    })
    void eachSectorHasTheThresholdsOfTheAct(SmeSector sector, int employees, long capital, int small) {
        assertThat(SME.thresholds(sector)).isEqualTo(new SmeDefinitions.Thresholds(employees, capital, small));
        assertThat(SME.classify(sector, employees, null))
                .isEqualTo(small >= employees ? SmeClass.SMALL : SmeClass.MEDIUM);
        assertThat(SME.classify(sector, employees + 1, capital)).isEqualTo(SmeClass.MEDIUM);
        assertThat(SME.classify(sector, employees + 1, capital + 1)).isEqualTo(SmeClass.LARGE);
        assertThat(SME.classify(sector, small, capital + 1)).isEqualTo(SmeClass.SMALL);
        assertThat(SME.classify(sector, small + 1, capital + 1)).isEqualTo(SmeClass.MEDIUM);
    }

    @ParameterizedTest
    @CsvSource({
        "A, MANUFACTURING_AND_OTHERS",
        "D, MANUFACTURING_AND_OTHERS",
        "E, MANUFACTURING_AND_OTHERS",
        "H, MANUFACTURING_AND_OTHERS",
        "J, MANUFACTURING_AND_OTHERS",
        "L, SERVICES",
        "N, SERVICES",
        "P, SERVICES",
        "R, SERVICES",
        "T, MANUFACTURING_AND_OTHERS"
    })
    void divisionsWithOneSectorOrADefaultNeedNoChoice(JsicDivision division, SmeSector sector) {
        assertThat(SME.sectorOf(division, null)).contains(sector);
        assertThat(SME.requireSector(division, null)).isEqualTo(sector);
    }

    @ParameterizedTest
    @CsvSource({"G", "I", "K", "M"})
    void divisionsThatSpanSectorsWithoutADefaultNeedAChoice(JsicDivision division) {
        assertThat(SME.sectorOf(division, null)).isEmpty();
        assertThat(SME.classify(division, null, 10, null)).isEmpty();
        assertThatThrownBy(() -> SME.requireSector(division, null)).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("SME_SECTOR_REQUIRED");
            assertThat(e.messageJa()).contains("複数の区分");
        });
    }

    @Test
    void aTravelAgencyChoosesOthersWithinDivisionN() {
        assertThat(SME.requireSector(JsicDivision.N, SmeSector.MANUFACTURING_AND_OTHERS))
                .isEqualTo(SmeSector.MANUFACTURING_AND_OTHERS);
        assertThat(SME.classify(JsicDivision.N, SmeSector.MANUFACTURING_AND_OTHERS, 150, 200 * MILLION))
                .contains(SmeClass.MEDIUM);
        assertThat(SME.classify(JsicDivision.N, null, 150, 200 * MILLION)).contains(SmeClass.LARGE);
    }

    @Test
    void aSectorOutsideTheDivisionIsRefusedForInput() {
        assertThatThrownBy(() -> SME.requireSector(JsicDivision.E, SmeSector.RETAIL))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_SME_SECTOR"));
    }

    @Test
    void everyDivisionIsMappedAndListedInOrder() {
        assertThat(SME.divisions()).extracting(d -> d.division()).containsExactly(JsicDivision.values());
        assertThat(Arrays.stream(JsicDivision.values()).map(SME::division))
                .allSatisfy(d -> assertThat(d.options()).isNotEmpty());
    }

    @Test
    void theLegalBasisIsNamed() {
        assertThat(SME.source().ja()).contains("中小企業基本法");
        assertThat(SME.source().en()).contains("Basic Act");
    }
}

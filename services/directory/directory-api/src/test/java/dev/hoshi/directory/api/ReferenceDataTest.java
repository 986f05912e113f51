package dev.hoshi.directory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.organization.SmeClass;
import dev.hoshi.kernel.error.HoshiException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceDataTest {

    @Test
    void thereAre47PrefecturesNumbered01To47InJisOrder() {
        assertThat(Prefecture.values()).hasSize(47);
        for (int i = 0; i < 47; i++) {
            assertThat(Prefecture.values()[i].code()).isEqualTo(String.format("%02d", i + 1));
        }
        assertThat(Prefecture.fromCode("13")).isEqualTo(Prefecture.TOKYO);
        assertThat(Prefecture.TOKYO.nameJa()).isEqualTo("東京都");
        assertThat(Prefecture.fromCode("01").nameJa()).isEqualTo("北海道");
        assertThat(Prefecture.fromCode("47").nameEn()).isEqualTo("Okinawa");
        assertThat(Arrays.stream(Prefecture.values()).map(Prefecture::nameJa))
                .allSatisfy(name -> assertThat(name).matches(".+[都道府県]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "48", "1", "Tokyo", ""})
    void anythingButAJisCodeIsNotAPrefecture(String code) {
        assertThatThrownBy(() -> Prefecture.fromCode(code)).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_PREFECTURE");
            assertThat(e.messageJa()).contains("JISコード");
        });
    }

    @Test
    void jsicMajorDivisionsRunFromAToT() {
        assertThat(JsicDivision.values()).hasSize(20);
        assertThat(JsicDivision.fromCode("E").nameJa()).isEqualTo("製造業");
        assertThat(JsicDivision.fromCode(" I ").nameEn()).isEqualTo("Wholesale and retail trade");
        assertThatThrownBy(() -> JsicDivision.fromCode("U"))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INDUSTRY"));
        assertThatThrownBy(() -> JsicDivision.fromCode("e")).isInstanceOf(HoshiException.class);
    }

    @Test
    void smallAndMediumAreTheSmes() {
        assertThat(SmeClass.SMALL.isSme()).isTrue();
        assertThat(SmeClass.MEDIUM.isSme()).isTrue();
        assertThat(SmeClass.LARGE.isSme()).isFalse();
    }

    @Test
    void eachScopeIncludesTheNarrowerOnes() {
        assertThat(ConsentScope.FULL_DETAIL.includes(ConsentScope.LEVEL_AND_SCORES))
                .isTrue();
        assertThat(ConsentScope.LEVEL_AND_SCORES.includes(ConsentScope.LEVEL_ONLY))
                .isTrue();
        assertThat(ConsentScope.LEVEL_ONLY.includes(ConsentScope.LEVEL_AND_SCORES))
                .isFalse();
    }

    @Test
    void aGranteesIdMustBeValidForItsKind() {
        assertThat(new Grantee(GranteeKind.PARTNER_CLIENT, "hoshigaoka-bank"))
                .hasToString("PARTNER_CLIENT:hoshigaoka-bank");
        assertThatThrownBy(() -> new Grantee(GranteeKind.SUPPORT_ORGANIZATION, "not valid!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Grantee(null, "x")).isInstanceOf(NullPointerException.class);
    }
}

package dev.hoshi.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

class OrganizationHeaderTest {

    @Test
    void absentHeaderMeansNoOrganisation() {
        assertThat(OrganizationHeader.read(new HttpHeaders())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "9", "org-sato", "Org_1.2-x", "550e8400-e29b-41d4-a716-446655440000"})
    void wellFormedIdsAreTheChoice(String id) {
        assertThat(OrganizationHeader.read(headers(id))).isEqualTo(Optional.of(id));
    }

    @Test
    void idOf128CharactersIsTheLongestAccepted() {
        String longest = "a".repeat(128);

        assertThat(OrganizationHeader.read(headers(longest))).contains(longest);
        assertThatThrownBy(() -> OrganizationHeader.read(headers(longest + "a")))
                .isInstanceOf(OrganizationHeader.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-a", ".a", "_a", "a b", "a/b", "a:b", "佐藤製作所", "a\tb", " a", "a,b"})
    void malformedIdsAreRefusedWithTheRule(String id) {
        assertThatThrownBy(() -> OrganizationHeader.read(headers(id)))
                .isInstanceOfSatisfying(OrganizationHeader.Invalid.class, invalid -> {
                    assertThat(invalid.body().code()).isEqualTo("BAD_ORGANIZATION_HEADER");
                    assertThat(invalid.body().message()).contains("1-128 characters");
                    assertThat(invalid.body().messageJa()).contains("1〜128");
                });
    }

    @Test
    void headerSentTwiceIsRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(OrganizationHeader.NAME, "org-a");
        headers.add(OrganizationHeader.NAME, "org-b");

        assertThatThrownBy(() -> OrganizationHeader.read(headers))
                .isInstanceOfSatisfying(
                        OrganizationHeader.Invalid.class,
                        invalid -> assertThat(invalid.body().message()).contains("once"));
    }

    private static HttpHeaders headers(String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(OrganizationHeader.NAME, value);
        return headers;
    }
}

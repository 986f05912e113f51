package dev.hoshi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

class PublicPathsTest {

    @Test
    void nothingIsPublicUnlessDeclared() {
        assertThat(PublicPaths.from(new MockEnvironment()).isEmpty()).isTrue();
        assertThat(PublicPaths.from(new MockEnvironment().withProperty(PublicPaths.PROPERTY, ""))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void exactPathsAreReadFromACommaSeparatedValueOrAList() {
        assertThat(PublicPaths.from(new MockEnvironment().withProperty(PublicPaths.PROPERTY, "/.well-known/a.json, /b"))
                        .paths())
                .containsExactly("/.well-known/a.json", "/b");
        assertThat(PublicPaths.from(new MockEnvironment()
                                .withProperty(PublicPaths.PROPERTY + "[0]", "/.well-known/attestation-keys.json"))
                        .paths())
                .containsExactly("/.well-known/attestation-keys.json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/**",
                "/.well-known/*",
                "/keys/{id}",
                "keys.json",
                "/a/../actuator/env",
                "/a/./b",
                "/a//b",
                "/a%2Fb",
                "/a;x=1",
                "/a?b",
                "/"
            })
    void anythingButAnExactPathIsRefusedAtStartUp(String path) {
        assertThatThrownBy(() -> new PublicPaths(List.of(path)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PublicPaths.PROPERTY)
                .hasMessageContaining(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/graphql/schema", "/actuator", "/actuator/env"})
    void theGraphQlEndpointAndTheActuatorCannotBeOpened(String path) {
        assertThatThrownBy(() -> PublicPaths.from(new MockEnvironment().withProperty(PublicPaths.PROPERTY, path)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GraphQL endpoint or the actuator");
        assertThatThrownBy(() -> PublicPaths.from(new MockEnvironment()
                        .withProperty("spring.graphql.path", "/api")
                        .withProperty(PublicPaths.PROPERTY, "/api")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.hoshi.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The personas shipped in {@code application-demo.yml}, bound the way Spring Boot binds them. */
class DemoPersonasTest {

    @Test
    void demoProfileTurnsDemoModeOnWithItsPersonas() throws Exception {
        DemoProperties properties = bindDemoProfile();

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.tokenLifetime()).hasHours(12);
        assertThat(DemoPersonas.from(properties).names())
                .containsExactly("sato", "suzuki", "yamada", "kato", "tanaka", "bank", "operator");
    }

    @Test
    void smeOwnersAndTheAnalystBelongToTheirDemoOrganisations() throws Exception {
        DemoPersonas personas = DemoPersonas.from(bindDemoProfile());

        assertThat(organization(personas, "sato").name()).isEqualTo(new LocalizedText("佐藤製作所", "Sato Seisakusho"));
        assertThat(organization(personas, "suzuki").name()).isEqualTo(new LocalizedText("鈴木商店", "Suzuki Shoten"));
        assertThat(organization(personas, "tanaka").name())
                .isEqualTo(new LocalizedText("東京都機械工業会", "Tokyo Machinery Association"));
        assertThat(organization(personas, "sato").id())
                .as("the id infra/local's DemoData seeds")
                .contains("sato-seisakusho");
        assertThat(organization(personas, "suzuki").id()).contains("suzuki-shoten");
        assertThat(organization(personas, "tanaka").id()).contains("tokyo-machinery");
        assertThat(personas.find("bank").orElseThrow().organization()).isEmpty();
        assertThat(personas.find("operator").orElseThrow().organization()).isEmpty();
    }

    @Test
    void subjectsAndActorsAreStable() throws Exception {
        DemoPersonas personas = DemoPersonas.from(bindDemoProfile());

        assertThat(personas.find("sato").orElseThrow().subject()).isEqualTo("demo-sato");
        assertThat(personas.find("sato").orElseThrow().actor()).hasToString("USER:demo-sato");
        assertThat(personas.find("bank").orElseThrow().subject()).isEqualTo("partner:bank-demo");
        assertThat(personas.find("bank").orElseThrow().actor()).hasToString("PARTNER_CLIENT:bank-demo");
        assertThat(personas.find("operator").orElseThrow().subject()).isEqualTo("operator");
        assertThat(personas.find("operator").orElseThrow().roles()).containsExactly("platform_operator");
        assertThat(personas.find("sato").orElseThrow().roles()).isEmpty();
    }

    @Test
    void everyPersonaSpeaksJapaneseAndEnglish() throws Exception {
        for (DemoPersona persona : DemoPersonas.from(bindDemoProfile()).all()) {
            assertThat(persona.displayName().complete()).as(persona.name()).isTrue();
            assertThat(persona.description().complete()).as(persona.name()).isTrue();
        }
    }

    @Test
    void configuredOrganisationIdIsKept() {
        DemoPersonas personas = DemoPersonas.from(bind(Map.of(
                "hoshi.gateway.demo.personas.sato.subject", "demo-sato",
                "hoshi.gateway.demo.personas.sato.display-name.ja", "佐藤",
                "hoshi.gateway.demo.personas.sato.display-name.en", "Sato",
                "hoshi.gateway.demo.personas.sato.description.ja", "説明",
                "hoshi.gateway.demo.personas.sato.description.en", "About",
                "hoshi.gateway.demo.personas.sato.organization.id", "tenant-123",
                "hoshi.gateway.demo.personas.sato.organization.name.ja", "佐藤製作所",
                "hoshi.gateway.demo.personas.sato.organization.name.en", "Sato Seisakusho")));

        assertThat(organization(personas, "sato").id()).contains("tenant-123");
    }

    @Test
    void demoModeWithoutPersonasSaysWhereTheyAre() {
        assertThatThrownBy(() -> DemoPersonas.from(bind(Map.of("hoshi.gateway.demo.enabled", "true"))))
                .hasMessageContaining("no personas")
                .hasMessageContaining("'demo' profile");
    }

    @Test
    void personaWithoutBothLanguagesIsRefusedByName() {
        assertThatThrownBy(() -> DemoPersonas.from(bind(Map.of(
                        "hoshi.gateway.demo.personas.yamada.subject", "demo-yamada",
                        "hoshi.gateway.demo.personas.yamada.display-name.en", "Yamada",
                        "hoshi.gateway.demo.personas.yamada.description.ja", "説明",
                        "hoshi.gateway.demo.personas.yamada.description.en", "About"))))
                .hasMessageContaining("yamada")
                .hasMessageContaining("display-name.ja");
    }

    @Test
    void twoPersonasCannotShareASubject() {
        assertThatThrownBy(() -> DemoPersonas.from(bind(Map.ofEntries(
                        Map.entry("hoshi.gateway.demo.personas.a.subject", "same"),
                        Map.entry("hoshi.gateway.demo.personas.a.display-name.ja", "A"),
                        Map.entry("hoshi.gateway.demo.personas.a.display-name.en", "A"),
                        Map.entry("hoshi.gateway.demo.personas.a.description.ja", "A"),
                        Map.entry("hoshi.gateway.demo.personas.a.description.en", "A"),
                        Map.entry("hoshi.gateway.demo.personas.b.subject", "same"),
                        Map.entry("hoshi.gateway.demo.personas.b.display-name.ja", "B"),
                        Map.entry("hoshi.gateway.demo.personas.b.display-name.en", "B"),
                        Map.entry("hoshi.gateway.demo.personas.b.description.ja", "B"),
                        Map.entry("hoshi.gateway.demo.personas.b.description.en", "B")))))
                .hasMessageContaining("same");
    }

    @Test
    void partnerSubjectMustCarryAValidClientId() {
        assertThatThrownBy(() -> DemoPersonas.from(bind(Map.of(
                        "hoshi.gateway.demo.personas.bank.subject", "partner:-bad",
                        "hoshi.gateway.demo.personas.bank.display-name.ja", "銀行",
                        "hoshi.gateway.demo.personas.bank.display-name.en", "Bank",
                        "hoshi.gateway.demo.personas.bank.description.ja", "説明",
                        "hoshi.gateway.demo.personas.bank.description.en", "About"))))
                .hasMessageContaining("bank")
                .hasMessageContaining("partner client id");
    }

    private static DemoPersona.Organization organization(DemoPersonas personas, String name) {
        return personas.find(name).orElseThrow().organization().orElseThrow();
    }

    private static DemoProperties bindDemoProfile() throws Exception {
        List<PropertySource<?>> sources =
                new YamlPropertySourceLoader().load("demo", new ClassPathResource("application-demo.yml"));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("hoshi.gateway.demo", DemoProperties.class);
    }

    private static DemoProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("hoshi.gateway.demo", DemoProperties.class);
    }
}

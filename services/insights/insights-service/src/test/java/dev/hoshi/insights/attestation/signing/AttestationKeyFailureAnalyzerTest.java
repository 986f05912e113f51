package dev.hoshi.insights.attestation.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

class AttestationKeyFailureAnalyzerTest {

    @Test
    void aMissingKeyBecomesAReportThatSaysWhatToDo() {
        BeanCreationException failure =
                new BeanCreationException("attestationKeys", "could not create", AttestationKeyException.missing());

        FailureAnalysis analysis = new AttestationKeyFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).contains("Insights has no key to sign attestations with");
        assertThat(analysis.getAction()).contains("openssl genpkey", "HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE");
    }

    @Test
    void springBootFindsTheAnalyzer() throws Exception {
        Properties factories = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
            factories.load(in);
        }
        assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
                .contains(AttestationKeyFailureAnalyzer.class.getName());
    }
}

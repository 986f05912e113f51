package dev.hoshi.insights.attestation.signing;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a missing or unusable attestation key as Spring Boot's "APPLICATION FAILED TO START" report. */
class AttestationKeyFailureAnalyzer extends AbstractFailureAnalyzer<AttestationKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AttestationKeyException cause) {
        return new FailureAnalysis(cause.getMessage(), AttestationKeyException.ACTION, cause);
    }
}

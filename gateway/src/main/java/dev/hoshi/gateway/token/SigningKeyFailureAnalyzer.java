package dev.hoshi.gateway.token;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a missing or unreadable signing key as Spring Boot's "APPLICATION FAILED TO START" report with what to do. */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyException cause) {
        return new FailureAnalysis(cause.getMessage(), SigningKeyException.ACTION, cause);
    }
}

package dev.hoshi.gateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an unsafe OIDC configuration as Spring Boot's "APPLICATION FAILED TO START" report with what to do. */
class OidcConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<OidcConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OidcConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), OidcConfigurationException.ACTION, cause);
    }
}

package dev.hoshi.gateway.security;

/** The OIDC provider is configured in a way that would accept tokens it must not; the gateway does not start. */
public class OidcConfigurationException extends RuntimeException {

    static final String ACTION = "Set hoshi.gateway.oidc.audience (HOSHI_GATEWAY_OIDC_AUDIENCE) to Hoshi's client id at"
            + " the provider, the value its tokens for Hoshi carry in aud. If the provider issues Hoshi's tokens to"
            + " more than one client, list them in hoshi.gateway.oidc.authorized-parties (checked against azp).";

    OidcConfigurationException(String message) {
        super(message);
    }
}

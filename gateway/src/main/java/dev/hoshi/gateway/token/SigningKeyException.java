package dev.hoshi.gateway.token;

/** The gateway has no usable key to sign internal tokens with; start-up stops with this message. */
class SigningKeyException extends IllegalStateException {

    static final String ACTION = "Set hoshi.gateway.internal-token.key-location (environment variable"
            + " HOSHI_GATEWAY_INTERNAL_TOKEN_KEY_LOCATION) to a PKCS#8 PEM RSA private key of at least 2048 bits,"
            + " created for example with:\n\n"
            + "    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out gateway-signing-key.pem\n\n"
            + "or, on a machine for trying Hoshi out only, turn on demo mode (hoshi.gateway.demo.enabled=true, as the"
            + " 'demo' profile does), which generates an ephemeral key at start-up.";

    SigningKeyException(String message) {
        super(message);
    }

    SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    static SigningKeyException missing() {
        return new SigningKeyException("The gateway has no key to sign internal tokens with:"
                + " hoshi.gateway.internal-token.key-location is not set and demo mode is off.");
    }
}

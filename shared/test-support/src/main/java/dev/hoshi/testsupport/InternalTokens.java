package dev.hoshi.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints internal tokens shaped like the gateway's (docs/gateway.md) with a key made for the test run, so a service
 * can be tested on its own. {@link #publicKey()} is what the service under test must trust.
 */
public final class InternalTokens {

    public static final String ISSUER = "hoshi-gateway";
    public static final String AUDIENCE = "hoshi-services";

    private static volatile InternalTokens shared;

    private final RSAKey key;
    private volatile HttpServer jwksServer;

    public InternalTokens() {
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyID("test-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One instance per JVM, so Spring's cached test contexts and the tests agree on the key. */
    public static synchronized InternalTokens shared() {
        if (shared == null) {
            shared = new InternalTokens();
        }
        return shared;
    }

    /**
     * Serves the public key as a JWK set on 127.0.0.1 (started on first call) and returns its URL: point a service's
     * {@code hoshi.security.jwks-uri} here and it verifies tokens exactly as it verifies the gateway's.
     */
    public synchronized String jwksUri() {
        if (jwksServer == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                byte[] body = jwkSetJson().getBytes(StandardCharsets.UTF_8);
                server.createContext("/.well-known/jwks.json", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                jwksServer = server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwkSetJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token for a person, acting for {@code organization} (may be null), with {@code roles}. */
    public String user(String subject, String organization, String... roles) {
        return token(subject, "USER:" + subject, organization, List.of(roles), ISSUER, Duration.ofSeconds(60));
    }

    public String token(
            String subject, String actor, String organization, List<String> roles, String issuer, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("actor", actor)
                .claim("roles", roles);
        if (organization != null) {
            claims.claim("org", organization);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}

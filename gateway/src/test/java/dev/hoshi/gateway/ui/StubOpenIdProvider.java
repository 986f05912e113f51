package dev.hoshi.gateway.ui;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoshi.gateway.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID provider on 127.0.0.1 for one client, enough for the authorization code flow: its discovery document (with
 * an {@code end_session_endpoint}), its JWKS, an authorize endpoint that signs in {@link #signInAs the chosen person}
 * at once and sends the browser back with a code, and a token endpoint that checks the client's secret and the PKCE
 * verifier and answers an RS256 ID token (with the request's nonce) and an access token for the audience.
 */
final class StubOpenIdProvider {

    private record Grant(String subject, String name, Map<String, String> request) {}

    private final KeyPair key = TestKeys.rsa(2048);
    private final String kid = TestKeys.thumbprint(key);
    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final String audience;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile String subject = "alice";
    private volatile String name = "Alice Example";
    private volatile long accessTokenSeconds = 3600;

    StubOpenIdProvider(String clientId, String clientSecret, String audience) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.audience = audience;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, 200, discovery()));
        server.createContext(
                "/jwks",
                exchange -> json(
                        exchange,
                        200,
                        new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic())
                                        .keyID(kid)
                                        .build())
                                .toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/logout", exchange -> json(exchange, 200, "{}"));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the next sign-in is. */
    void signInAs(String subject, String name) {
        this.subject = subject;
        this.name = name;
    }

    void stop() {
        server.stop(0);
    }

    private String discovery() {
        String issuer = issuer();
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"end_session_endpoint\":\"" + issuer + "/logout\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\"]}";
    }

    /** Signs the chosen person in at once and sends the browser back to the client with a code and the state. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(subject, name, query));
        String back = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The code for tokens: only with the client's secret, the code's redirect URI and the PKCE verifier. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(form.get("code")));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if (grant == null
                || !"authorization_code".equals(form.get("grant_type"))
                || !grant.request().get("redirect_uri").equals(form.get("redirect_uri"))
                || form.get("code_verifier") == null
                || !s256(form.get("code_verifier")).equals(grant.request().get("code_challenge"))) {
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        String idToken = sign(new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(grant.subject())
                .audience(clientId)
                .claim("azp", clientId)
                .claim("nonce", grant.request().get("nonce"))
                .claim("name", grant.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build());
        String accessToken = sign(new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(grant.subject())
                .audience(audience)
                .claim("azp", clientId)
                .claim("name", grant.name())
                .claim("scope", "openid profile")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(accessTokenSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .build());
        json(
                exchange,
                200,
                "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + accessTokenSeconds + ",\"scope\":\"openid profile\",\"id_token\":\"" + idToken + "\"}");
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(
                    URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

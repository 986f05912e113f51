package dev.hoshi.gateway.security;

import dev.hoshi.gateway.web.ErrorBody;
import dev.hoshi.gateway.web.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers 401 with a {@code WWW-Authenticate: Bearer} challenge and a JSON {@code UNAUTHENTICATED} body. Why a
 * token was refused is logged at debug level for operators; the caller only learns that it was, never the
 * exception text.
 */
final class JsonAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(JsonAuthenticationEntryPoint.class);

    static final ErrorBody MISSING = new ErrorBody(
            "UNAUTHENTICATED",
            "Sign in first: this request needs a bearer token (Authorization: Bearer <token>).",
            "先にサインインしてください。このリクエストにはベアラートークン（Authorization: Bearer <token>）が必要です。");

    static final ErrorBody REFUSED = new ErrorBody(
            "UNAUTHENTICATED",
            "The bearer token was not accepted: it is expired, malformed, or not from an issuer this gateway trusts."
                    + " Sign in again.",
            "ベアラートークンは受け付けられませんでした（期限切れ、形式の誤り、または信頼されていない発行者）。もう一度サインインしてください。");

    static final ErrorBody KEY_REFUSED = new ErrorBody(
            "UNAUTHENTICATED",
            "The API key (X-Api-Key) was not accepted: it is unknown, revoked or malformed. Ask the Hoshi operator for"
                    + " a new key.",
            "API キー（X-Api-Key）は受け付けられませんでした（未登録、失効済み、または形式の誤り）。Hoshi の運用担当に新しいキーを依頼してください。");

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        boolean keyRefused = !headers.containsKey(HttpHeaders.AUTHORIZATION) && headers.containsKey(API_KEY);
        boolean tokenRefused =
                ex instanceof OAuth2AuthenticationException || headers.containsKey(HttpHeaders.AUTHORIZATION);
        if (tokenRefused || keyRefused) {
            log.debug("Refused credential for {}: {}", exchange.getRequest().getPath(), ex.getMessage());
        }
        String challenge = tokenRefused || keyRefused
                ? "Bearer realm=\"hoshi\", error=\"invalid_token\""
                : "Bearer realm=\"hoshi\"";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        ErrorBody body = keyRefused ? KEY_REFUSED : tokenRefused ? REFUSED : MISSING;
        return ErrorResponses.write(exchange, HttpStatus.UNAUTHORIZED, body);
    }

    /** The partner API key header (see {@code PartnerKeyResolver}). */
    private static final String API_KEY = "X-Api-Key";
}

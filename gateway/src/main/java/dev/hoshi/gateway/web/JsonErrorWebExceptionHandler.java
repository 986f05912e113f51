package dev.hoshi.gateway.web;

import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Turns every error that escapes a handler into an {@link ErrorBody}: a known status keeps its status with a plain
 * message, an unreachable service becomes 503, anything else a bare 500 (logged here, never shown to the caller).
 * Replaces Spring Boot's default handler, which would answer with its own shape.
 */
@Component
@Order(-2)
class JsonErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorWebExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status;
        ErrorBody body;
        if (ex instanceof ResponseStatusException rse) {
            status = rse.getStatusCode();
            body = ErrorBody.forStatus(status);
            exchange.getResponse().getHeaders().addAll(rse.getHeaders());
        } else if (hasCause(ex, ConnectException.class)) {
            log.warn(
                    "A service is unreachable for {}: {}", exchange.getRequest().getPath(), ex.toString());
            status = HttpStatus.SERVICE_UNAVAILABLE;
            body = ErrorBody.forStatus(status);
        } else if (ex instanceof AuthenticationServiceException) {
            log.warn("Could not verify a bearer token: {}", ex.toString());
            status = HttpStatus.SERVICE_UNAVAILABLE;
            body = new ErrorBody(
                    "SIGN_IN_UNAVAILABLE",
                    "The sign-in token could not be checked right now (the identity provider did not answer)."
                            + " Try again shortly.",
                    "サインインのトークンを現在確認できません（ID プロバイダーが応答しません）。しばらくしてから再度お試しください。");
        } else {
            log.error(
                    "Unexpected error for {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    ex);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            body = ErrorBody.forStatus(status);
        }
        return ErrorResponses.write(exchange, status, body);
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

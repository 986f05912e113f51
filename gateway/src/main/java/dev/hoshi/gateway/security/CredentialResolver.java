package dev.hoshi.gateway.security;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The extension point for credentials that are not bearer JWTs, such as partner API keys (a later issue). Each bean
 * of this type gets its own authentication filter beside the bearer-token one.
 *
 * <p>Contract: answer {@code Mono.empty()} when the request carries no credential of this kind (another mechanism may
 * still authenticate it); answer the proven {@link Caller} when it carries a valid one; answer an error with a
 * Spring Security {@code AuthenticationException} (for example {@code BadCredentialsException}) when it carries one
 * that is not valid, which the caller sees as 401 {@code UNAUTHENTICATED}.
 */
public interface CredentialResolver {

    Mono<Caller> resolve(ServerWebExchange exchange);
}

package dev.hoshi.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes an {@link ErrorBody} as the JSON response of an exchange. */
public final class ErrorResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorResponses() {}

    /** Answers the exchange with the given status and error body; the response must not be committed yet. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, ErrorBody body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A record of three strings always serializes; keep the compiler satisfied without leaking anything.
            return Mono.error(new IllegalStateException("could not write an error body", e));
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}

package dev.hoshi.gateway.partner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoshi.gateway.security.Caller;
import dev.hoshi.gateway.token.InternalTokenMinter;
import dev.hoshi.kernel.context.Actor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The real {@link PartnerKeyDirectory}: asks directory (its {@code partnerKey} query) which partner client a key belongs to, as the gateway itself: an
 * internal token whose actor is {@code SYSTEM:gateway}, which no outside caller can be given.
 */
@Component
class DirectoryPartnerKeys implements PartnerKeyDirectory {

    static final Caller GATEWAY =
            new Caller("gateway", new Actor(Actor.Kind.SYSTEM, "gateway"), new TreeSet<>(), Optional.empty());
    private static final String QUERY =
            "query($k: ID!, $h: String!) { partnerKey(keyId: $k, secretHash: $h) { id name } }";

    private final WebClient client;
    private final InternalTokenMinter minter;

    DirectoryPartnerKeys(
            WebClient.Builder builder,
            InternalTokenMinter minter,
            @Value("${hoshi.gateway.services.directory:http://127.0.0.1:8081}") String directory) {
        this.client = builder.baseUrl(directory).build();
        this.minter = minter;
    }

    @Override
    public Mono<Optional<PartnerClient>> resolve(String keyId, String secretHash) {
        return client.post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(minter.mint(GATEWAY, Optional.empty())))
                .bodyValue(Map.of("query", QUERY, "variables", Map.of("k", keyId, "h", secretHash)))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(Duration.ofSeconds(5))
                .map(body -> {
                    JsonNode found = body.path("data").path("partnerKey");
                    return found.isMissingNode() || found.isNull()
                            ? Optional.<PartnerClient>empty()
                            : Optional.of(new PartnerClient(
                                    found.path("id").asText(),
                                    found.path("name").asText(null)));
                });
    }
}

package dev.hoshi.gateway.partner;

import java.util.Optional;
import reactor.core.publisher.Mono;

/** Which partner client an API key belongs to, by key id and the SHA-256 of its secret; empty when none. */
interface PartnerKeyDirectory {

    record PartnerClient(String id, String name) {}

    Mono<Optional<PartnerClient>> resolve(String keyId, String secretHash);
}

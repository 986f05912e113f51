package dev.hoshi.gateway.partner;

import dev.hoshi.gateway.security.Caller;
import dev.hoshi.gateway.security.CredentialResolver;
import dev.hoshi.kernel.cache.BoundedLru;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves {@code X-Api-Key} to a partner client through directory. Answers are cached for {@link #KNOWN} (a valid
 * key) or {@link #UNKNOWN} (an invalid one), so a revoked key stops working within 30 seconds and a burst of bad keys
 * does not reach directory each time. Valid and invalid keys are kept in two separate bounded caches (least recently
 * used dropped first), so a flood of made-up keys only pushes out other made-up keys, never a partner's good one. The
 * key is never logged; the caches hold only its id and hash.
 */
@Component
class PartnerKeyResolver implements CredentialResolver {

    static final String HEADER = "X-Api-Key";
    static final Duration KNOWN = Duration.ofSeconds(30);
    static final Duration UNKNOWN = Duration.ofSeconds(5);
    private static final Pattern KEY = Pattern.compile("hoshi_pk_([A-Za-z0-9]{1,64})_([A-Za-z0-9]{16,128})");
    static final int KNOWN_CAPACITY = 10_000;
    static final int UNKNOWN_CAPACITY = 1_000;
    private static final Logger log = LoggerFactory.getLogger(PartnerKeyResolver.class);

    private record Cached(Optional<PartnerKeyDirectory.PartnerClient> client, Instant until) {}

    static final String CACHE_METRIC = "hoshi.gateway.partner.key.cache";

    private final PartnerKeyDirectory directory;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;
    private final BoundedLru<String, Cached> known = new BoundedLru<>(KNOWN_CAPACITY);
    private final BoundedLru<String, Cached> unknown = new BoundedLru<>(UNKNOWN_CAPACITY);

    @Autowired
    PartnerKeyResolver(PartnerKeyDirectory directory, MeterRegistry registry) {
        this(directory, Clock.systemUTC(), registry);
    }

    /** Counts look-ups answered from the caches ({@code result=hit}) and those that asked directory ({@code miss}). */
    PartnerKeyResolver(PartnerKeyDirectory directory, Clock clock, MeterRegistry registry) {
        this.directory = directory;
        this.clock = clock;
        this.hits = cacheCounter(registry, "hit");
        this.misses = cacheCounter(registry, "miss");
    }

    private static Counter cacheCounter(MeterRegistry registry, String result) {
        return Counter.builder(CACHE_METRIC)
                .description("Partner API key look-ups answered from the gateway's cache (hit) or by directory (miss)")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public Mono<Caller> resolve(ServerWebExchange exchange) {
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (presented == null) {
            return Mono.empty();
        }
        Matcher key = KEY.matcher(presented.strip());
        if (!key.matches()) {
            return Mono.error(new BadCredentialsException("The API key is not in Hoshi's format."));
        }
        String keyId = key.group(1);
        String hash = sha256(key.group(2));
        return lookUp(keyId, hash).flatMap(client -> client.map(
                        c -> Mono.just(Caller.partnerClient(c.id(), new TreeSet<>(), Optional.ofNullable(c.name()))))
                .orElseGet(() -> Mono.error(new BadCredentialsException("Unknown or revoked API key."))));
    }

    private Mono<Optional<PartnerKeyDirectory.PartnerClient>> lookUp(String keyId, String hash) {
        String cacheKey = keyId + ":" + hash;
        Instant now = clock.instant();
        for (BoundedLru<String, Cached> cache : List.of(known, unknown)) {
            Cached cached = cache.get(cacheKey);
            if (cached != null && cached.until().isAfter(now)) {
                hits.increment();
                return Mono.just(cached.client());
            }
        }
        misses.increment();
        return directory.resolve(keyId, hash).map(client -> {
            if (client.isPresent()) {
                unknown.remove(cacheKey);
                known.put(cacheKey, new Cached(client, now.plus(KNOWN)));
            } else {
                known.remove(cacheKey);
                unknown.put(cacheKey, new Cached(client, now.plus(UNKNOWN)));
                log.info("An API key with id {} was refused", keyId);
            }
            return client;
        });
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

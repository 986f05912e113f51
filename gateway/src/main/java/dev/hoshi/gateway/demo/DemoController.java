package dev.hoshi.gateway.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.gateway.web.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /demo/personas} lists the personas; {@code POST /demo/token} with {@code {"persona":"sato"}} answers
 * {@code {"access_token":"…","token_type":"Bearer","expires_in":43200}}. Exists only in demo mode.
 */
@RestController
@RequestMapping("/demo")
@ConditionalOnDemoMode
class DemoController {

    private static final ErrorBody BAD_REQUEST = new ErrorBody(
            "BAD_TOKEN_REQUEST",
            "Send a JSON body naming a persona, such as {\"persona\":\"sato\"}; GET /demo/personas lists them.",
            "{\"persona\":\"sato\"} のようにペルソナ名を JSON で送ってください。一覧は GET /demo/personas で確認できます。");

    private static final int MAX_BODY_BYTES = 4096;

    private final DemoPersonas personas;
    private final DemoTokenIssuer issuer;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    DemoController(DemoPersonas personas, DemoTokenIssuer issuer, ObjectMapper json) {
        this.personas = personas;
        this.issuer = issuer;
        this.json = json;
    }

    @GetMapping("/personas")
    List<PersonaView> personas() {
        return personas.all().stream().map(PersonaView::of).toList();
    }

    /** Reads the body whatever its declared content type, so a bare {@code curl -d} works too. */
    @PostMapping("/token")
    Mono<ResponseEntity<Object>> token(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(""))
                .defaultIfEmpty("")
                .map(this::token);
    }

    private ResponseEntity<Object> token(String body) {
        String name = personaName(body);
        if (name == null) {
            return ResponseEntity.badRequest().body(BAD_REQUEST);
        }
        return personas.find(name)
                .<ResponseEntity<Object>>map(persona -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new TokenResponse(
                                issuer.issue(persona, clock.instant()),
                                "Bearer",
                                issuer.lifetime().toSeconds())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(unknown(name)));
    }

    private String personaName(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            JsonNode persona = json.readTree(body).path("persona");
            return persona.isTextual() && !persona.asText().isBlank() ? persona.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ErrorBody unknown(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        String known = String.join(", ", personas.names());
        return new ErrorBody(
                "UNKNOWN_PERSONA",
                "There is no demo persona named '" + shown + "'. Known personas: " + known + ".",
                "「" + shown + "」という名前のデモペルソナはありません。利用できるペルソナ: " + known + "。");
    }

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {}

    record PersonaView(
            String name,
            String subject,
            String actor,
            LocalizedText displayName,
            LocalizedText description,
            List<String> roles,
            OrganizationView organization) {

        static PersonaView of(DemoPersona persona) {
            return new PersonaView(
                    persona.name(),
                    persona.subject(),
                    persona.actor().toString(),
                    persona.displayName(),
                    persona.description(),
                    persona.roles(),
                    persona.organization()
                            .map(org -> new OrganizationView(org.id().orElse(null), org.name()))
                            .orElse(null));
        }
    }

    /** @param id null until configured */
    record OrganizationView(String id, LocalizedText name) {}
}

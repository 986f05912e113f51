package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A partner's look-up of an organisation's attestation by 法人番号 (13 digits) or by id, through insights'
 * {@code attestation} query: the recorded facts and the signed statement, which verifies offline against the public
 * key set. An organisation that granted the partner nothing reads exactly like one that does not exist.
 */
@Controller
class PartnerPage {

    private static final Pattern CORPORATE_NUMBER = Pattern.compile("\\d{13}");

    static final String ATTESTATION = "query($id: ID, $number: String) { attestation(organizationId: $id,"
            + " corporateNumber: $number) { organizationId level declarationId declaredOn standing lapseReason"
            + " lapsedOn assessedOn band scope asOf statement } }";

    private final HoshiApi api;
    private final Pages pages;
    private final ObjectMapper json;

    PartnerPage(HoshiApi api, Pages pages, ObjectMapper json) {
        this.api = api;
        this.pages = pages;
        this.json = json;
    }

    @GetMapping("/app/attestation")
    Mono<Rendering> attestation(ServerWebExchange exchange) {
        String q = exchange.getRequest().getQueryParams().getFirst("q");
        String query = q == null ? "" : q.trim();
        return pages.signedIn(exchange, caller -> {
            if (query.isEmpty()) {
                return Mono.just(view(caller, query, null, false).build());
            }
            Map<String, Object> variables = new LinkedHashMap<>();
            if (CORPORATE_NUMBER.matcher(query).matches()) {
                variables.put("number", query);
            } else if (Pages.ID.matcher(query).matches()) {
                variables.put("id", query);
            } else {
                return Mono.just(view(caller, query, null, true)
                        .status(HttpStatus.NOT_FOUND)
                        .build());
            }
            return api.graphql(caller, "insights", null, ATTESTATION, variables).flatMap(result -> {
                if (result.unauthenticated()) {
                    return Pages.expired(exchange);
                }
                JsonNode found = result.data().path("attestation");
                return Mono.just(
                        found.isObject()
                                ? view(caller, query, json.convertValue(found, Object.class), false)
                                        .build()
                                : view(caller, query, null, true)
                                        .status(HttpStatus.NOT_FOUND)
                                        .build());
            });
        });
    }

    private static Rendering.Builder<?> view(UiSession caller, String query, Object attestation, boolean notFound) {
        return Rendering.view("ui/attestation")
                .modelAttribute("caller", caller)
                .modelAttribute("q", query)
                .modelAttribute("attestation", attestation == null ? Map.of() : attestation)
                .modelAttribute("found", attestation != null)
                .modelAttribute("notFound", notFound);
    }
}

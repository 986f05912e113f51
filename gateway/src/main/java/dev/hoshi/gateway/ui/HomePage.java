package dev.hoshi.gateway.ui;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The page after sign-in: the ways in that the caller's organisation offers. It asks the API what it may see (the SME
 * status, a support organisation's rollup) rather than guessing from the persona; a partner client gets the
 * attestation look-up, an operator (whom the API lets list the partner clients) the operator pages.
 */
@Controller
class HomePage {

    private final HoshiApi api;
    private final Pages pages;

    HomePage(HoshiApi api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    @GetMapping("/app")
    Mono<Rendering> home(ServerWebExchange exchange) {
        return pages.signedIn(exchange, caller -> {
            String org = caller.organizationId();
            if (caller.partnerClient()) {
                return Mono.just(view(caller, false, false, false));
            }
            if (org == null) {
                // someone of no organisation: an operator if the API lets them list the partner clients
                return api.graphql(caller, "directory", null, "{ partnerClients { id } }", Map.of())
                        .flatMap(answer -> answer.unauthenticated()
                                ? Pages.expired(exchange)
                                : Mono.just(view(
                                        caller,
                                        false,
                                        false,
                                        answer.data().path("partnerClients").isArray())));
            }
            return Mono.zip(
                            api.graphql(caller, "compliance", org, "{ organizationStatus { name } }", Map.of()),
                            api.graphql(
                                    caller,
                                    "insights",
                                    null,
                                    "query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id) {"
                                            + " supportOrganizationId } }",
                                    Map.of("id", org)))
                    .flatMap(answers -> answers.getT1().unauthenticated()
                            ? Pages.expired(exchange)
                            : Mono.just(view(
                                    caller,
                                    answers.getT1()
                                            .data()
                                            .path("organizationStatus")
                                            .isObject(),
                                    answers.getT2()
                                            .data()
                                            .path("supportOrganizationRollup")
                                            .isObject(),
                                    false)));
        });
    }

    private static Rendering view(UiSession caller, boolean sme, boolean association, boolean operator) {
        return Rendering.view("ui/home")
                .modelAttribute("caller", caller)
                .modelAttribute("sme", sme)
                .modelAttribute("association", association)
                .modelAttribute("partner", caller.partnerClient())
                .modelAttribute("operator", operator)
                .build();
    }
}

package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The platform operator's pages: the organisations (list, register), the support organisations (list, register, add
 * an analyst), the partner clients (list, register) and their API keys (issue, revoke). All of it goes through
 * directory's public GraphQL API, which alone decides who is an operator: anyone else gets the forbidden page the
 * API's FORBIDDEN answer leads to. An issued key is shown on the answer to the form that issued it, once; it is kept
 * nowhere (the API keeps only its hash), so no later page can show it again.
 */
@Controller
class OperatorPages {

    private static final String PAYLOAD = "errors { code message messageJa field }";

    /** The input an error is about, for the API's errors that name no {@code field} and whose code says it. */
    private static final Map<String, List<String>> FIELD_OF_CODE = Map.of(
            "ALREADY_EXISTS", List.of("id"),
            "CORPORATE_NUMBER_TAKEN", List.of("corporateNumber"),
            "UNKNOWN_KEY", List.of("keyId"),
            "ALREADY_A_MEMBER", List.of("analyst"));

    /** One page: its path and what it reads. */
    enum Section {
        ORGANIZATIONS("organizations", "organizations", "id name nameEn corporateNumber owner registeredAt"),
        SUPPORT_ORGANIZATIONS("support-organizations", "supportOrganizations", "id name nameEn kind analysts members"),
        PARTNER_CLIENTS("partner-clients", "partnerClients", "id name");

        final String path;
        /** The query field that lists them (operators only). */
        final String field;

        final String query;

        Section(String path, String field, String selection) {
            this.path = path;
            this.field = field;
            this.query = "query { " + field + " { " + selection + " } }";
        }

        static Section of(String path) {
            for (Section section : values()) {
                if (section.path.equals(path)) {
                    return section;
                }
            }
            throw new IllegalArgumentException("No page " + path);
        }
    }

    /** What the page shows besides its list: a form's errors, a change that went through, a key issued just now. */
    private record Outcome(Pages.Problems problems, String failedForm, String done, JsonNode issuedKey) {

        static final Outcome NONE = new Outcome(Pages.Problems.NONE, "", "", null);
    }

    private final HoshiApi api;
    private final ObjectMapper json;
    private final Pages pages;

    OperatorPages(HoshiApi api, ObjectMapper json, Pages pages) {
        this.api = api;
        this.json = json;
        this.pages = pages;
    }

    @GetMapping("/app/operator")
    Rendering start() {
        return Rendering.redirectTo("/app/operator/organizations").build();
    }

    @GetMapping("/app/operator/{section:organizations|support-organizations|partner-clients}")
    Mono<Rendering> section(@PathVariable String section, ServerWebExchange exchange) {
        String done = exchange.getRequest().getQueryParams().getFirst("done");
        return pages.signedIn(
                exchange,
                caller -> page(
                        exchange,
                        caller,
                        Section.of(section),
                        done == null ? Outcome.NONE : new Outcome(Pages.Problems.NONE, "", done, null)));
    }

    @PostMapping("/app/operator/organizations")
    Mono<Rendering> registerOrganization(ServerWebExchange exchange) {
        return change(
                exchange,
                Section.ORGANIZATIONS,
                "register",
                List.of("id", "name", "nameEn", "corporateNumber", "owner"),
                "registerOrganization",
                "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { " + PAYLOAD
                        + " } }",
                form -> Pages.withGiven(
                        Map.of("name", Pages.text(form, "name"), "owner", Pages.text(form, "owner")),
                        form,
                        "id",
                        "nameEn",
                        "corporateNumber"));
    }

    @PostMapping("/app/operator/support-organizations")
    Mono<Rendering> registerSupportOrganization(ServerWebExchange exchange) {
        return change(
                exchange,
                Section.SUPPORT_ORGANIZATIONS,
                "register",
                List.of("id", "name", "nameEn", "kind", "analyst"),
                "registerSupportOrganization",
                "mutation($input: RegisterSupportOrganizationInput!) { registerSupportOrganization(input: $input) { "
                        + PAYLOAD + " } }",
                form -> Pages.withGiven(
                        Map.of(
                                "name", Pages.text(form, "name"),
                                "kind", Pages.text(form, "kind"),
                                "analyst", Pages.text(form, "analyst")),
                        form,
                        "id",
                        "nameEn"));
    }

    @PostMapping("/app/operator/support-organizations/{support}/analysts")
    Mono<Rendering> addAnalyst(@PathVariable String support, ServerWebExchange exchange) {
        return change(
                exchange,
                Section.SUPPORT_ORGANIZATIONS,
                support,
                List.of("analyst"),
                "addSupportOrganizationAnalyst",
                "mutation($input: AddSupportOrganizationAnalystInput!) { addSupportOrganizationAnalyst(input: $input)"
                        + " { " + PAYLOAD + " } }",
                form -> Map.of("supportOrganizationId", support, "analyst", Pages.text(form, "analyst")));
    }

    @PostMapping("/app/operator/partner-clients")
    Mono<Rendering> registerPartnerClient(ServerWebExchange exchange) {
        return change(
                exchange,
                Section.PARTNER_CLIENTS,
                "register",
                List.of("id", "name"),
                "registerPartnerClient",
                "mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { " + PAYLOAD
                        + " } }",
                form -> Pages.withGiven(Map.of("name", Pages.text(form, "name")), form, "id"));
    }

    /** Issues a key and shows it on this answer only (never redirected to, never cached, never kept). */
    @PostMapping("/app/operator/partner-clients/{client}/keys")
    Mono<Rendering> issueKey(@PathVariable String client, ServerWebExchange exchange) {
        return pages.signedIn(exchange, caller -> exchange.getFormData()
                .then(api.graphql(
                        caller,
                        "directory",
                        null,
                        "mutation($input: IssuePartnerClientKeyInput!) { issuePartnerClientKey(input: $input) {"
                                + " keyId apiKey " + PAYLOAD + " } }",
                        Map.of("input", Map.of("partnerClientId", client))))
                .flatMap(result -> {
                    if (result.unauthenticated()) {
                        return Pages.expired(exchange);
                    }
                    List<HoshiApi.Problem> problems = placed(result.userErrors("issuePartnerClientKey"), List.of());
                    JsonNode issued = result.data().path("issuePartnerClientKey");
                    Outcome outcome =
                            problems.isEmpty() && issued.path("apiKey").isTextual()
                                    ? new Outcome(Pages.Problems.NONE, "", "", issued.deepCopy())
                                    : new Outcome(Pages.Problems.of(problems), client + "-issue", "", null);
                    return page(exchange, caller, Section.PARTNER_CLIENTS, outcome);
                }));
    }

    @PostMapping("/app/operator/partner-clients/{client}/keys/revoke")
    Mono<Rendering> revokeKey(@PathVariable String client, ServerWebExchange exchange) {
        return change(
                exchange,
                Section.PARTNER_CLIENTS,
                client + "-revoke",
                List.of("keyId"),
                "revokePartnerClientKey",
                "mutation($input: RevokePartnerClientKeyInput!) { revokePartnerClientKey(input: $input) { " + PAYLOAD
                        + " } }",
                form -> Map.of("partnerClientId", client, "keyId", Pages.text(form, "keyId")));
    }

    /** Runs one mutation; on success back to the page (post/redirect/get), otherwise the page with the errors. */
    private Mono<Rendering> change(
            ServerWebExchange exchange,
            Section section,
            String form,
            List<String> inputs,
            String mutation,
            String document,
            Function<MultiValueMap<String, String>, Map<String, Object>> input) {
        return pages.signedIn(exchange, caller -> exchange.getFormData()
                .flatMap(values ->
                        api.graphql(caller, "directory", null, document, Map.of("input", input.apply(values))))
                .flatMap(result -> {
                    if (result.unauthenticated()) {
                        return Pages.expired(exchange);
                    }
                    List<HoshiApi.Problem> problems = placed(result.userErrors(mutation), inputs);
                    if (problems.isEmpty()) {
                        return Mono.just(Rendering.redirectTo("/app/operator/" + section.path + "?done=" + form)
                                .build());
                    }
                    return page(exchange, caller, section, new Outcome(Pages.Problems.of(problems), form, "", null));
                }));
    }

    private static List<HoshiApi.Problem> placed(List<HoshiApi.Problem> problems, List<String> inputs) {
        return problems.stream()
                .map(problem -> Pages.placed(problem, inputs, FIELD_OF_CODE))
                .toList();
    }

    private Mono<Rendering> page(ServerWebExchange exchange, UiSession caller, Section section, Outcome outcome) {
        return api.graphql(caller, "directory", null, section.query, Map.of()).flatMap(result -> {
            if (result.unauthenticated()) {
                return Pages.expired(exchange);
            }
            JsonNode list = result.data().path(section.field);
            if (!list.isArray()) {
                // FORBIDDEN for anyone but an operator; the page says so rather than show the API's answer
                return Mono.just(Pages.forbidden(caller));
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("caller", caller);
            model.put("section", section.path);
            model.put("items", json.convertValue(list, Object.class));
            model.put("failedForm", outcome.failedForm());
            model.put("problems", outcome.problems().general());
            model.put("fieldProblems", outcome.problems().byField());
            model.put("done", outcome.done());
            model.put(
                    "issuedKey",
                    outcome.issuedKey() == null ? null : json.convertValue(outcome.issuedKey(), Map.class));
            boolean failed = !outcome.problems().isEmpty();
            return exchange.getFormData().map(form -> {
                // what the operator typed into the form that failed, so it need not be typed again
                model.put("form", failed ? form.toSingleValueMap() : Map.of());
                return Rendering.view("ui/operator")
                        .status(failed ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK)
                        .model(model)
                        .build();
            });
        });
    }
}

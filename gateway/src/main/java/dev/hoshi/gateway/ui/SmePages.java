package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The home page and an SME's pages: its status, the 5 articles, the self-assessment, the basic policy and the
 * declaration. Every figure and every change goes through compliance's and directory's public GraphQL API for the
 * organisation in the path (sent as X-Hoshi-Organization); an organisation the caller is not in reads exactly like
 * one that does not exist. Viewers get no forms; the API refuses their changes anyway, and a refusal is shown.
 */
@Controller
class SmePages {

    static final String STATUS =
            """
            query { organizationStatus { organizationId name asOf level declarationId declaredOn standing lapseReason
              lapsedOn eligibleLevel missingForNextStar articlesCommitted
              latestAssessment { id completedOn score band partScores { part score } answers { item answer } followUps }
              policy { adopted published publicUrl } reviews { kind dueOn overdue } reviewMonths }
              scoreHistory { completedOn score }
              guideline { edition fiveArticles { id title { ja en } summary { ja en } } parts { number title { ja en } }
              items { id part title { ja en } } answers { code points label { ja en } followUp }
              bands { code label { ja en } } } }""";

    private static final String MEMBERS = "query { organizationMembers { userId role } }";

    private static final String RECORD = "query { organizationRecordExport { fileName contentType base64 } }";

    private static final String PAYLOAD = "{ errors { code message messageJa field } }";

    private final HoshiApi api;
    private final ObjectMapper json;
    private final Pages pages;

    SmePages(HoshiApi api, ObjectMapper json, Pages pages) {
        this.api = api;
        this.json = json;
        this.pages = pages;
    }

    /** The home page's "open an organisation" form. */
    @GetMapping("/app/open")
    Mono<Rendering> open(ServerWebExchange exchange) {
        String id = exchange.getRequest().getQueryParams().getFirst("id");
        return pages.signedIn(
                exchange,
                caller -> Mono.just(
                        id != null && Pages.ID.matcher(id.trim()).matches()
                                ? Rendering.redirectTo("/app/orgs/" + id.trim()).build()
                                : Pages.notFound(caller)));
    }

    @GetMapping("/app/orgs/{org}")
    Mono<Rendering> organization(@PathVariable String org, ServerWebExchange exchange) {
        String done = exchange.getRequest().getQueryParams().getFirst("done");
        return pages.signedIn(exchange, caller -> page(caller, org, null, List.of(), done));
    }

    @PostMapping("/app/orgs/{org}/articles")
    Mono<Rendering> articles(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "articles",
                "commitToFiveArticles",
                "mutation($input: CommitToFiveArticlesInput!) { commitToFiveArticles(input: $input) " + PAYLOAD + " }",
                form -> Map.of("articles", form.getOrDefault("articles", List.of())));
    }

    @PostMapping("/app/orgs/{org}/assessment")
    Mono<Rendering> assessment(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "assessment",
                "submitSelfAssessment",
                "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) " + PAYLOAD + " }",
                form -> {
                    List<Map<String, String>> answers = new ArrayList<>();
                    for (int i = 1; i <= 25; i++) {
                        String answer = form.getFirst("Q" + i);
                        if (answer != null && !answer.isBlank()) {
                            answers.add(Map.of("item", "Q" + i, "answer", answer));
                        }
                    }
                    return Map.of("answers", answers);
                });
    }

    @PostMapping("/app/orgs/{org}/policy/adopt")
    Mono<Rendering> adopt(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "policy",
                "adoptBasicPolicy",
                "mutation($input: DatedInput!) { adoptBasicPolicy(input: $input) " + PAYLOAD + " }",
                form -> Map.of());
    }

    @PostMapping("/app/orgs/{org}/policy/publish")
    Mono<Rendering> publish(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "policy",
                "publishBasicPolicy",
                "mutation($input: PublishBasicPolicyInput!) { publishBasicPolicy(input: $input) " + PAYLOAD + " }",
                form -> Map.of("publicUrl", Pages.text(form, "publicUrl")));
    }

    @PostMapping("/app/orgs/{org}/policy/withdraw")
    Mono<Rendering> withdraw(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "policy",
                "withdrawBasicPolicy",
                "mutation($input: WithdrawBasicPolicyInput!) { withdrawBasicPolicy(input: $input) " + PAYLOAD + " }",
                form -> Map.of("reason", Pages.text(form, "reason")));
    }

    @PostMapping("/app/orgs/{org}/declaration")
    Mono<Rendering> declaration(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "declaration",
                "recordDeclaration",
                "mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) " + PAYLOAD + " }",
                form -> Map.of("level", Pages.text(form, "level"), "declarationId", Pages.text(form, "declarationId")));
    }

    /**
     * The organisation's whole record as a ZIP (compliance's {@code organizationRecordExport}: its owners only). Anyone
     * else, or an export the API refuses, goes back to the organisation's page, which says what they may see.
     */
    @GetMapping("/app/orgs/{org}/record")
    Mono<ResponseEntity<byte[]>> record(@PathVariable String org, ServerWebExchange exchange) {
        return pages.caller(exchange)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(signedIn -> {
                    if (signedIn.isEmpty()) {
                        return Mono.just(Pages.seeOther("/signin"));
                    }
                    if (!Pages.ID.matcher(org).matches()) {
                        return Mono.just(Pages.seeOther("/app"));
                    }
                    return api.graphql(signedIn.get(), "compliance", org, RECORD, Map.of())
                            .map(result -> {
                                JsonNode file = result.data().path("organizationRecordExport");
                                if (file.isObject()) {
                                    return Pages.download(file);
                                }
                                return Pages.seeOther(
                                        result.unauthenticated() ? "/signin?expired" : "/app/orgs/" + org);
                            });
                });
    }

    /** The basic policy's periodic review (a self-assessment's is a new sheet). */
    @PostMapping("/app/orgs/{org}/reviews/complete")
    Mono<Rendering> completeReview(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "reviews",
                "completeReview",
                "mutation($input: CompleteReviewInput!) { completeReview(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(Map.of("kind", "BASIC_POLICY"), form, "note", "effectiveOn"));
    }

    @PostMapping("/app/orgs/{org}/reviews/cadence")
    Mono<Rendering> reviewCadence(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                "reviews",
                "setReviewCadence",
                "mutation($input: SetReviewCadenceInput!) { setReviewCadence(input: $input) " + PAYLOAD + " }",
                form -> Map.of("months", number(Pages.text(form, "months"))));
    }

    /** A whole number as typed, or 0 (which the API refuses with its own message) when it is not one. */
    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Runs one mutation; on success back to the page (post/redirect/get), otherwise the page with the errors. */
    private Mono<Rendering> change(
            ServerWebExchange exchange,
            String org,
            String form,
            String mutation,
            String document,
            Function<MultiValueMap<String, String>, Map<String, Object>> input) {
        return pages.signedIn(exchange, caller -> {
            if (!Pages.ID.matcher(org).matches()) {
                return Mono.just(Pages.notFound(caller));
            }
            return exchange.getFormData()
                    .flatMap(values ->
                            api.graphql(caller, "compliance", org, document, Map.of("input", input.apply(values))))
                    .flatMap(result -> {
                        if (result.unauthenticated()) {
                            return Pages.expired(exchange);
                        }
                        List<HoshiApi.Problem> problems = result.userErrors(mutation);
                        if (problems.isEmpty()) {
                            return Mono.just(Rendering.redirectTo("/app/orgs/" + org + "?done=" + form + "#" + form)
                                    .build());
                        }
                        return page(caller, org, form, problems, null);
                    });
        });
    }

    private Mono<Rendering> page(
            UiSession caller, String org, String failedForm, List<HoshiApi.Problem> problems, String done) {
        if (!Pages.ID.matcher(org).matches()) {
            return Mono.just(Pages.notFound(caller));
        }
        return Mono.zip(
                        api.graphql(caller, "compliance", org, STATUS, Map.of()),
                        api.graphql(caller, "directory", org, MEMBERS, Map.of()))
                .map(answers -> {
                    JsonNode status = answers.getT1().data().path("organizationStatus");
                    if (answers.getT1().unauthenticated()) {
                        return Rendering.redirectTo("/signin?expired").build();
                    }
                    if (!status.isObject()) {
                        return Pages.notFound(caller);
                    }
                    String found = Pages.roleOf(caller, answers.getT2().data().path("organizationMembers"));
                    String role = found == null ? "VIEWER" : found;
                    Pages.Problems sorted = Pages.Problems.of(problems);
                    return Rendering.view("ui/organization")
                            .status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                            .modelAttribute("caller", caller)
                            .modelAttribute("org", org)
                            .modelAttribute("status", tree(status))
                            .modelAttribute(
                                    "guideline", tree(answers.getT1().data().path("guideline")))
                            .modelAttribute("answers", answers(status))
                            .modelAttribute(
                                    "scoreTrend",
                                    TrendChart.scores(answers.getT1().data().path("scoreHistory")))
                            .modelAttribute("role", role)
                            .modelAttribute("mayChange", !"VIEWER".equals(role))
                            .modelAttribute("failedForm", failedForm == null ? "" : failedForm)
                            .modelAttribute("problems", sorted.general())
                            .modelAttribute("fieldProblems", sorted.byField())
                            .modelAttribute("done", done == null ? "" : done)
                            .build();
                });
    }

    private static Map<String, String> answers(JsonNode status) {
        Map<String, String> answers = new LinkedHashMap<>();
        status.path("latestAssessment")
                .path("answers")
                .forEach(a ->
                        answers.put(a.path("item").asText(), a.path("answer").asText()));
        return answers;
    }

    private Object tree(JsonNode node) {
        return json.convertValue(node, Object.class);
    }
}

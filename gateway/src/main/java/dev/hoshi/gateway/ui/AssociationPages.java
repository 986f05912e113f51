package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A support organisation's analyst: the rollup of its consenting members with filters (industry, SME class,
 * prefecture), suppressed figures shown as such, the member list page by page, and the list as CSV or Excel, all from
 * insights' public queries. Anyone who is not its analyst gets the not-found page, as for one that does not exist.
 */
@Controller
class AssociationPages {

    private static final Pattern INDUSTRY = Pattern.compile("[A-T]");
    private static final Pattern PREFECTURE = Pattern.compile("\\d{2}");
    private static final Set<String> SME_CLASSES = Set.of("SMALL", "MEDIUM", "LARGE");
    private static final Set<String> FORMATS = Set.of("CSV", "XLSX");
    /** The member list's orders and level groups, as the API's {@code MemberSort} and {@code MemberLevel}. */
    static final List<String> SORTS_IN_ORDER = List.of("SCORE", "LEVEL", "LAST_ASSESSMENT", "OVERDUE");

    static final List<String> LEVELS_IN_ORDER =
            List.of("TWO_STARS_DECLARED", "TWO_STARS_ELIGIBLE", "ONE_STAR_DECLARED", "ONE_STAR_ELIGIBLE", "NONE");
    private static final Set<String> SORTS = Set.copyOf(SORTS_IN_ORDER);
    private static final Set<String> LEVELS = Set.copyOf(LEVELS_IN_ORDER);

    static final String ROLLUP =
            """
            query($id: ID!, $filter: MemberFilter) { supportOrganizationRollup(supportOrganizationId: $id,
              filter: $filter) { supportOrganizationId period disclosureThreshold consentingMembers suppressed
              levels { none oneStarEligible oneStarDeclared twoStarsEligible twoStarsDeclared }
              standingLapsed reviewsOverdue declined
              scores { members suppressed mean median bands { band members } }
              items { members suppressed rates { item implementedRate } }
              controls { members suppressed chapters { chapter implemented applicable implementedRate } } } }""";

    static final String MEMBERS =
            """
            query($id: ID!, $filter: MemberFilter, $after: String, $sort: MemberSort, $level: MemberLevel,
              $overdue: Boolean) { supportOrganizationMembers(supportOrganizationId: $id, filter: $filter,
              sort: $sort, level: $level, overdue: $overdue, first: 20, after: $after) {
              edges { node { organizationId name scope industry smeClass prefecture level declaredLevel standing
                lapseReason score band assessedOn reviewOverdue } }
              pageInfo { hasNextPage endCursor } } }""";

    /** The trend: the same filter's rollup at the end of each period, the chart's level groups and mean score. */
    static final String SERIES =
            """
            query($id: ID!, $filter: MemberFilter, $from: String!, $to: String!, $interval: SeriesInterval) {
              supportOrganizationRollupSeries(supportOrganizationId: $id, filter: $filter, from: $from, to: $to,
              interval: $interval) { periods { period suppressed
              levels { none oneStarEligible oneStarDeclared twoStarsEligible twoStarsDeclared }
              scores { suppressed mean } } } }""";

    private static final Set<String> INTERVALS = Set.of("MONTH", "QUARTER");

    static final String EXPORT =
            """
            query($id: ID!, $filter: MemberFilter, $format: ExportFormat!) { supportOrganizationMembersExport(
              supportOrganizationId: $id, filter: $filter, format: $format) { fileName contentType base64 } }""";

    private final HoshiApi api;
    private final Pages pages;
    private final ObjectMapper json;

    AssociationPages(HoshiApi api, Pages pages, ObjectMapper json) {
        this.api = api;
        this.pages = pages;
        this.json = json;
    }

    /**
     * The rollup, and under it the trend up to the rollup's own period (so the page needs no clock of its own): 12
     * months, or 8 quarters with {@code ?trend=QUARTER}.
     */
    @GetMapping("/app/association/{id}")
    Mono<Rendering> rollup(@PathVariable String id, ServerWebExchange exchange) {
        String interval = oneOf(exchange.getRequest().getQueryParams().getFirst("trend"), INTERVALS)
                .orElse("MONTH");
        return show(
                exchange,
                id,
                ROLLUP,
                Map.of(),
                "supportOrganizationRollup",
                "ui/association",
                "rollup",
                (caller, rollup) -> {
                    YearMonth to;
                    try {
                        to = YearMonth.parse(rollup.path("period").asText());
                    } catch (java.time.format.DateTimeParseException e) {
                        return Mono.just(Map.of()); // not a month: the page shows the rollup without its trend
                    }
                    Map<String, Object> variables =
                            variables(id, exchange.getRequest().getQueryParams());
                    variables.put(
                            "from",
                            to.minusMonths(interval.equals("MONTH") ? 11 : 23).toString());
                    variables.put("to", to.toString());
                    variables.put("interval", interval);
                    return api.graphql(caller, "insights", null, SERIES, variables)
                            .map(result -> {
                                JsonNode series = result.data().path("supportOrganizationRollupSeries");
                                Map<String, Object> model = new LinkedHashMap<>();
                                model.put("trendInterval", interval);
                                model.put("trend", series.isObject() ? LevelTrend.of(series) : null);
                                return model;
                            });
                });
    }

    /**
     * The member list, 20 a page: sorted by {@code ?sort=} (score by default, as the API), and narrowed to one level
     * group ({@code ?level=}) or to members with a review overdue ({@code ?overdue=true}) besides the page's filter.
     */
    @GetMapping("/app/association/{id}/members")
    Mono<Rendering> members(@PathVariable String id, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        String sort = oneOf(params.getFirst("sort"), SORTS).orElse("SCORE");
        String level = oneOf(params.getFirst("level"), LEVELS).orElse("");
        boolean overdue = "true".equals(params.getFirst("overdue"));
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("sort", sort);
        if (!level.isEmpty()) {
            list.put("level", level);
        }
        if (overdue) {
            list.put("overdue", true);
        }
        return show(
                exchange,
                id,
                MEMBERS,
                list,
                "supportOrganizationMembers",
                "ui/members",
                "members",
                (caller, answer) -> Mono.just(Map.of(
                        "sort",
                        sort,
                        "level",
                        level,
                        "overdue",
                        overdue,
                        "sorts",
                        SORTS_IN_ORDER,
                        "levels",
                        LEVELS_IN_ORDER)));
    }

    /**
     * One query for the support organisation with the page's filter (and {@code listVariables}, the member list's
     * own); null (not its analyst) is not found. {@code more} reads what else the page shows, from the answer.
     */
    private Mono<Rendering> show(
            ServerWebExchange exchange,
            String id,
            String document,
            Map<String, Object> listVariables,
            String field,
            String template,
            String name,
            BiFunction<UiSession, JsonNode, Mono<Map<String, Object>>> more) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        return pages.signedIn(exchange, caller -> {
            if (!Pages.ID.matcher(id).matches()) {
                return Mono.just(Pages.notFound(caller));
            }
            Map<String, Object> variables = variables(id, params);
            variables.putAll(listVariables);
            String after = params.getFirst("after");
            if (after != null && !after.isBlank()) {
                variables.put("after", after);
            }
            return api.graphql(caller, "insights", null, document, variables).flatMap(result -> {
                if (result.unauthenticated()) {
                    return Pages.expired(exchange);
                }
                JsonNode answer = result.data().path(field);
                if (!answer.isObject()) {
                    return Mono.just(Pages.notFound(caller));
                }
                return more.apply(caller, answer).map(extra -> view(template, caller, id, params)
                        .modelAttribute(name, json.convertValue(answer, Object.class))
                        .model(extra)
                        .build());
            });
        });
    }

    /** The member list as a file: insights' export, handed on as a download. */
    @GetMapping("/app/association/{id}/export")
    Mono<ResponseEntity<byte[]>> export(@PathVariable String id, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        String format = oneOf(params.getFirst("format"), FORMATS).orElse("CSV");
        return pages.caller(exchange)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(signedIn -> {
                    UiSession caller = signedIn.orElse(null);
                    if (caller == null || !Pages.ID.matcher(id).matches()) {
                        return Mono.just(Pages.seeOther(caller == null ? "/signin" : "/app"));
                    }
                    Map<String, Object> variables = variables(id, params);
                    variables.put("format", format);
                    return api.graphql(caller, "insights", null, EXPORT, variables)
                            .map(result -> {
                                JsonNode file = result.data().path("supportOrganizationMembersExport");
                                if (!file.isObject()) {
                                    return Pages.seeOther(result.unauthenticated() ? "/signin?expired" : "/app");
                                }
                                return Pages.download(file);
                            });
                });
    }

    private static Rendering.Builder<?> view(
            String template, UiSession caller, String id, MultiValueMap<String, String> params) {
        return Rendering.view(template)
                .modelAttribute("caller", caller)
                .modelAttribute("id", id)
                .modelAttribute("industry", valid(params.getFirst("industry"), INDUSTRY))
                .modelAttribute(
                        "smeClass",
                        oneOf(params.getFirst("smeClass"), SME_CLASSES).orElse(""))
                .modelAttribute("prefecture", valid(params.getFirst("prefecture"), PREFECTURE));
    }

    /** The filter from the query string; a value that is not a valid choice is left out (it cannot be chosen). */
    private static Map<String, Object> variables(String id, MultiValueMap<String, String> params) {
        Map<String, Object> filter = new LinkedHashMap<>();
        String industry = valid(params.getFirst("industry"), INDUSTRY);
        if (!industry.isEmpty()) {
            filter.put("industry", industry);
        }
        oneOf(params.getFirst("smeClass"), SME_CLASSES).ifPresent(smeClass -> filter.put("smeClass", smeClass));
        String prefecture = valid(params.getFirst("prefecture"), PREFECTURE);
        if (!prefecture.isEmpty()) {
            filter.put("prefecture", prefecture);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id);
        variables.put("filter", filter);
        return variables;
    }

    /** The value if it is one of the choices (a {@code Set.of} refuses to be asked about null). */
    private static java.util.Optional<String> oneOf(String value, Set<String> choices) {
        return value != null && choices.contains(value) ? java.util.Optional.of(value) : java.util.Optional.empty();
    }

    private static String valid(String value, Pattern pattern) {
        return value != null && pattern.matcher(value.trim()).matches() ? value.trim() : "";
    }
}

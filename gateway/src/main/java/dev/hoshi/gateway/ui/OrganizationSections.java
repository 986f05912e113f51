package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * An SME's other pages: the controls board by chapter, the key actions, the risk register (付録7), incident readiness
 * (付録8), the timeline, the access log ("who viewed our data"), the consent grants and the people with their roles. Each reads and changes through compliance's and directory's public
 * GraphQL API for the organisation in the path; the caller's role comes from directory's {@code organizationMembers},
 * and an organisation the caller is not in reads exactly like a missing one. Viewers get no forms (controls, key actions,
 * risks and incidents change for owners and members, grants and people for owners only: the API's own rules, which refuse anyone else anyway).
 */
@Controller
class OrganizationSections {

    private static final String MEMBERS = "query { organizationMembers { userId role since } }";
    private static final String PAYLOAD = "{ errors { code message messageJa field } }";

    /**
     * The input an error is about, for the API's errors that name no {@code field}: by its code, else by the input's
     * name quoted in the message ({@code 'evidenceUrl' must be ...}).
     */
    private static final Map<String, List<String>> FIELD_OF_CODE = Map.ofEntries(
            Map.entry("JUSTIFICATION_REQUIRED", List.of("justification")),
            Map.entry("UNKNOWN_PARTNER_CLIENT", List.of("granteeId")),
            Map.entry("UNKNOWN_SUPPORT_ORGANIZATION", List.of("granteeId")),
            Map.entry("NOT_A_MEMBER_OF_SUPPORT_ORGANIZATION", List.of("granteeId")),
            Map.entry("START_DATE_IN_PAST", List.of("startDate")),
            Map.entry("ALREADY_A_MEMBER", List.of("userId")),
            Map.entry("LAST_OWNER", List.of("role")),
            Map.entry("INVALID_ASSET", List.of("name")),
            Map.entry("UNKNOWN_TREATMENT", List.of("treatment")),
            Map.entry("UNKNOWN_CONTROL", List.of("controls")),
            Map.entry("UNKNOWN_CONTACT_KIND", List.of("kind")),
            Map.entry("INCIDENT_EXISTS", List.of("incidentId")),
            Map.entry("TIME_IN_FUTURE", List.of("detectedAt", "at")),
            Map.entry("BEFORE_DETECTION", List.of("at")),
            Map.entry("DATE_IN_FUTURE", List.of("effectiveOn", "detectedAt", "at")),
            Map.entry("DATE_TOO_EARLY", List.of("effectiveOn", "detectedAt", "at")));

    /** One page: where its data comes from and who may change it. */
    enum Section {
        CONTROLS(
                "controls",
                "compliance",
                "query { organizationStatus { name controls { controlId status owner dueOn evidenceUrl evidenceNote"
                        + " justification effectiveOn } } guideline { controlChapters { id title { ja en } controls { id"
                        + " title { ja en } } } } }",
                true),
        TIMELINE(
                "timeline",
                "compliance",
                "query { organizationStatus { name } timeline { event summaryEn summaryJa actor recordedAt"
                        + " effectiveOn backdated } }",
                false),
        ACCESS_LOG(
                "access-log",
                "compliance",
                "query($days: Int) { organizationStatus { name } accessLog(days: $days) { at viewer scope what } }",
                false),
        CONSENT(
                "consent",
                "directory",
                "query($org: ID!) { organization(id: $org) { name } consentGrants { id granteeKind granteeId scope"
                        + " startDate endDate revokedOn status history { change scope at by } } }",
                false),
        PEOPLE("people", "directory", "query($org: ID!) { organization(id: $org) { name } }", false),
        KEY_ACTIONS(
                "key-actions",
                "compliance",
                "query { organizationStatus { name } managementChecklist { asOf confirmed total actions { actionId"
                        + " confirmed confirmedBy confirmedOn note } } guideline { principles { id title { ja en } }"
                        + " keyActions { id title { ja en } } } }",
                true),
        RISKS(
                "risks",
                "compliance",
                "query { organizationStatus { name } riskRegister { asOf assets { assetId asset { businessArea name"
                        + " users owner medium personalData retention confidentiality integrity availability }"
                        + " importance threat vulnerability proposedVulnerability likelihood riskValue band treatment"
                        + " controls note recordedOn assessedOn } summary { bands { band assets } notAssessed highest"
                        + " } } guideline { riskAnalysis { threats { value label { ja en } } vulnerabilities { value"
                        + " label { ja en } } treatments { code label { ja en } } } } }",
                true),
        INCIDENTS(
                "incidents",
                "compliance",
                "query { organizationStatus { name } incidentReadiness { asOf contacts { contactId kind name phone"
                        + " email note } incidents { incidentId title drill detectedAt phase phases { code dueOn"
                        + " completedAt report overdue } } overdueSteps lastDrillOn } guideline { incidentResponse {"
                        + " phases { code dueDays title { ja en } summary { ja en } } contactKinds { code label { ja en"
                        + " } } } } }",
                true);

        final String path;
        final String service;
        final String query;
        /** Members may change it too; otherwise owners only. */
        final boolean membersChange;

        Section(String path, String service, String query, boolean membersChange) {
            this.path = path;
            this.service = service;
            this.query = query;
            this.membersChange = membersChange;
        }

        static Section of(String path) {
            for (Section section : values()) {
                if (section.path.equals(path)) {
                    return section;
                }
            }
            throw new IllegalArgumentException("No page " + path);
        }

        boolean mayChange(String role) {
            return "OWNER".equals(role) || (membersChange && "MEMBER".equals(role));
        }
    }

    private final HoshiApi api;
    private final ObjectMapper json;
    private final Pages pages;

    OrganizationSections(HoshiApi api, ObjectMapper json, Pages pages) {
        this.api = api;
        this.json = json;
        this.pages = pages;
    }

    @GetMapping("/app/orgs/{org}/{section:controls|timeline|access-log|consent|people|key-actions|risks|incidents}")
    Mono<Rendering> section(@PathVariable String org, @PathVariable String section, ServerWebExchange exchange) {
        return show(exchange, org, Section.of(section));
    }

    @PostMapping("/app/orgs/{org}/controls/{control}")
    Mono<Rendering> updateControl(@PathVariable String org, @PathVariable String control, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.CONTROLS,
                control,
                List.of("status", "owner", "dueOn", "evidenceUrl", "evidenceNote", "justification"),
                "updateControlStatus",
                "mutation($input: UpdateControlStatusInput!) { updateControlStatus(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(
                        Map.of("controlId", control, "status", Pages.text(form, "status")),
                        form,
                        "owner",
                        "dueOn",
                        "evidenceUrl",
                        "evidenceNote",
                        "justification"));
    }

    /** The executive confirms one of the 経営者編's key actions, with a note and the day (today when left out). */
    @PostMapping("/app/orgs/{org}/key-actions/{action}/confirm")
    Mono<Rendering> confirmKeyAction(
            @PathVariable String org, @PathVariable String action, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.KEY_ACTIONS,
                action,
                List.of("note", "effectiveOn"),
                "confirmKeyAction",
                "mutation($input: ConfirmKeyActionInput!) { confirmKeyAction(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(Map.of("actionId", action), form, "note", "effectiveOn"));
    }

    @PostMapping("/app/orgs/{org}/key-actions/{action}/withdraw")
    Mono<Rendering> withdrawKeyAction(
            @PathVariable String org, @PathVariable String action, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.KEY_ACTIONS,
                action,
                List.of("reason"),
                "withdrawKeyAction",
                "mutation($input: WithdrawKeyActionInput!) { withdrawKeyAction(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(Map.of("actionId", action), form, "reason"));
    }

    /** Adds an information asset to the risk register, or changes one (the whole entry) when its id is given. */
    @PostMapping("/app/orgs/{org}/risks/asset")
    Mono<Rendering> recordAsset(@PathVariable String org, ServerWebExchange exchange) {
        List<String> texts = List.of("businessArea", "users", "owner", "medium", "personalData", "retention");
        List<String> inputs = new ArrayList<>(
                List.of("assetId", "name", "confidentiality", "integrity", "availability", "effectiveOn"));
        inputs.addAll(texts);
        return change(
                exchange,
                org,
                Section.RISKS,
                "asset",
                inputs,
                "recordAsset",
                "mutation($input: RecordAssetInput!) { recordAsset(input: $input) " + PAYLOAD + " }",
                form -> {
                    Map<String, Object> asset = Pages.withGiven(
                            Map.of(
                                    "name", Pages.text(form, "name"),
                                    "confidentiality", number(form, "confidentiality"),
                                    "integrity", number(form, "integrity"),
                                    "availability", number(form, "availability")),
                            form,
                            texts.toArray(String[]::new));
                    return Pages.withGiven(Map.of("asset", asset), form, "assetId", "effectiveOn");
                });
    }

    @PostMapping("/app/orgs/{org}/risks/{asset}/assess")
    Mono<Rendering> assessRisk(@PathVariable String org, @PathVariable String asset, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.RISKS,
                asset,
                List.of("threat", "vulnerability", "treatment", "controls", "note"),
                "assessRisk",
                "mutation($input: AssessRiskInput!) { assessRisk(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(
                        Map.of(
                                "assetId", asset,
                                "threat", number(form, "threat"),
                                "vulnerability", number(form, "vulnerability"),
                                "treatment", Pages.text(form, "treatment"),
                                "controls",
                                        List.of(Pages.text(form, "controls").split("[\\s,、]+")).stream()
                                                .filter(id -> !id.isEmpty())
                                                .toList()),
                        form,
                        "note"));
    }

    @PostMapping("/app/orgs/{org}/risks/{asset}/remove")
    Mono<Rendering> removeAsset(@PathVariable String org, @PathVariable String asset, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.RISKS,
                asset,
                List.of("reason"),
                "removeAsset",
                "mutation($input: RemoveAssetInput!) { removeAsset(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(Map.of("assetId", asset), form, "reason"));
    }

    @PostMapping("/app/orgs/{org}/incidents/contact")
    Mono<Rendering> setContact(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.INCIDENTS,
                "contact",
                List.of("contactId", "kind", "name", "phone", "email", "note"),
                "setIncidentContact",
                "mutation($input: SetIncidentContactInput!) { setIncidentContact(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(
                        Map.of(
                                "contactId", Pages.text(form, "contactId"),
                                "kind", Pages.text(form, "kind"),
                                "name", Pages.text(form, "name")),
                        form,
                        "phone",
                        "email",
                        "note"));
    }

    @PostMapping("/app/orgs/{org}/incidents/contact/{contact}/remove")
    Mono<Rendering> removeContact(@PathVariable String org, @PathVariable String contact, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.INCIDENTS,
                contact,
                List.of(),
                "removeIncidentContact",
                // the one mutation that takes its argument bare; the page passes it as the variable named "input"
                "mutation($input: ID!) { removeIncidentContact(contactId: $input) " + PAYLOAD + " }",
                form -> contact);
    }

    /** Records an incident or a drill; a time typed without a zone is Japan's. */
    @PostMapping("/app/orgs/{org}/incidents/record")
    Mono<Rendering> recordIncident(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.INCIDENTS,
                "incident",
                List.of("incidentId", "title", "drill", "detectedAt"),
                "recordIncident",
                "mutation($input: RecordIncidentInput!) { recordIncident(input: $input) " + PAYLOAD + " }",
                form -> {
                    Map<String, Object> input = new LinkedHashMap<>(Map.of(
                            "incidentId", Pages.text(form, "incidentId"),
                            "title", Pages.text(form, "title"),
                            "drill", !Pages.text(form, "drill").isEmpty()));
                    String detectedAt = japanTime(Pages.text(form, "detectedAt"));
                    if (!detectedAt.isEmpty()) {
                        input.put("detectedAt", detectedAt);
                    }
                    return input;
                });
    }

    @PostMapping("/app/orgs/{org}/incidents/{incident}/complete")
    Mono<Rendering> completePhase(@PathVariable String org, @PathVariable String incident, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.INCIDENTS,
                incident,
                List.of("report", "at"),
                "completeIncidentPhase",
                "mutation($input: CompleteIncidentPhaseInput!) { completeIncidentPhase(input: $input) " + PAYLOAD
                        + " }",
                form -> {
                    Map<String, Object> input = Pages.withGiven(Map.of("incidentId", incident), form, "report");
                    String at = japanTime(Pages.text(form, "at"));
                    if (!at.isEmpty()) {
                        input.put("at", at);
                    }
                    return input;
                });
    }

    /** A form's whole number, or 0 (which the API refuses with its own message) when it is not one. */
    private static int number(MultiValueMap<String, String> form, String name) {
        try {
            return Integer.parseInt(Pages.text(form, name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A browser's {@code datetime-local} value (no zone) as an instant in Japan; anything else as typed. */
    static String japanTime(String value) {
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return value + ":00+09:00";
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) {
            return value + "+09:00";
        }
        return value;
    }

    @PostMapping("/app/orgs/{org}/consent/grant")
    Mono<Rendering> grant(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.CONSENT,
                "grant",
                List.of("granteeKind", "granteeId", "scope", "startDate", "endDate"),
                "grantConsent",
                "mutation($input: GrantConsentInput!) { grantConsent(input: $input) " + PAYLOAD + " }",
                form -> Pages.withGiven(
                        Map.of(
                                "granteeKind", Pages.text(form, "granteeKind"),
                                "granteeId", Pages.text(form, "granteeId"),
                                "scope", Pages.text(form, "scope")),
                        form,
                        "startDate",
                        "endDate"));
    }

    @PostMapping("/app/orgs/{org}/consent/{grant}/scope")
    Mono<Rendering> changeScope(@PathVariable String org, @PathVariable String grant, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.CONSENT,
                grant,
                List.of("scope"),
                "changeConsentScope",
                "mutation($input: ChangeConsentScopeInput!) { changeConsentScope(input: $input) " + PAYLOAD + " }",
                form -> Map.of("grantId", grant, "scope", Pages.text(form, "scope")));
    }

    @PostMapping("/app/orgs/{org}/consent/{grant}/revoke")
    Mono<Rendering> revoke(@PathVariable String org, @PathVariable String grant, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.CONSENT,
                grant,
                List.of(),
                "revokeConsent",
                "mutation($input: RevokeConsentInput!) { revokeConsent(input: $input) " + PAYLOAD + " }",
                form -> Map.of("grantId", grant));
    }

    @PostMapping("/app/orgs/{org}/people/add")
    Mono<Rendering> addPerson(@PathVariable String org, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.PEOPLE,
                "add",
                List.of("userId", "role"),
                "addOrganizationMember",
                "mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) " + PAYLOAD
                        + " }",
                form -> Map.of("userId", Pages.text(form, "userId"), "role", Pages.text(form, "role")));
    }

    @PostMapping("/app/orgs/{org}/people/{user}/role")
    Mono<Rendering> changeRole(@PathVariable String org, @PathVariable String user, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.PEOPLE,
                user,
                List.of("userId", "role"),
                "changeOrganizationMemberRole",
                "mutation($input: ChangeOrganizationMemberRoleInput!) { changeOrganizationMemberRole(input: $input) "
                        + PAYLOAD + " }",
                form -> Map.of("userId", user, "role", Pages.text(form, "role")));
    }

    @PostMapping("/app/orgs/{org}/people/{user}/remove")
    Mono<Rendering> removePerson(@PathVariable String org, @PathVariable String user, ServerWebExchange exchange) {
        return change(
                exchange,
                org,
                Section.PEOPLE,
                user,
                List.of("userId", "role"),
                "removeOrganizationMember",
                "mutation($input: RemoveOrganizationMemberInput!) { removeOrganizationMember(input: $input) " + PAYLOAD
                        + " }",
                form -> Map.of("userId", user));
    }

    private Mono<Rendering> show(ServerWebExchange exchange, String org, Section section) {
        String done = exchange.getRequest().getQueryParams().getFirst("done");
        return pages.signedIn(
                exchange,
                caller -> page(exchange, caller, org, section, Pages.Problems.NONE, "", done == null ? "" : done));
    }

    /** Runs one mutation; on success back to the page (post/redirect/get), otherwise the page with the errors. */
    private Mono<Rendering> change(
            ServerWebExchange exchange,
            String org,
            Section section,
            String form,
            List<String> inputs,
            String mutation,
            String document,
            Function<MultiValueMap<String, String>, Object> input) {
        return pages.signedIn(exchange, caller -> {
            if (!Pages.ID.matcher(org).matches()) {
                return Mono.just(Pages.notFound(caller));
            }
            return exchange.getFormData()
                    .flatMap(values ->
                            api.graphql(caller, section.service, org, document, Map.of("input", input.apply(values))))
                    .flatMap(result -> {
                        if (result.unauthenticated()) {
                            return Pages.expired(exchange);
                        }
                        List<HoshiApi.Problem> problems = result.userErrors(mutation).stream()
                                .map(problem -> Pages.placed(problem, inputs, FIELD_OF_CODE))
                                .toList();
                        if (problems.isEmpty()) {
                            return Mono.just(
                                    Rendering.redirectTo("/app/orgs/" + org + "/" + section.path + "?done=" + form)
                                            .build());
                        }
                        return page(exchange, caller, org, section, Pages.Problems.of(problems), form, "");
                    });
        });
    }

    private Mono<Rendering> page(
            ServerWebExchange exchange,
            UiSession caller,
            String org,
            Section section,
            Pages.Problems problems,
            String failedForm,
            String done) {
        if (!Pages.ID.matcher(org).matches()) {
            return Mono.just(Pages.notFound(caller));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        if (section.service.equals("directory")) {
            variables.put("org", org);
        }
        Map<String, String> params = exchange.getRequest().getQueryParams().toSingleValueMap();
        if (section == Section.ACCESS_LOG) {
            variables.put("days", days(params.get("days")));
        }
        return Mono.zip(
                        api.graphql(caller, "directory", org, MEMBERS, Map.of()),
                        api.graphql(caller, section.service, org, section.query, variables))
                .map(answers -> {
                    if (answers.getT1().unauthenticated() || answers.getT2().unauthenticated()) {
                        return Rendering.redirectTo("/signin?expired").build();
                    }
                    JsonNode members = answers.getT1().data().path("organizationMembers");
                    JsonNode data = answers.getT2().data();
                    JsonNode name = data.path("organizationStatus").isObject()
                            ? data.path("organizationStatus").path("name")
                            : data.path("organization").path("name");
                    String role = Pages.roleOf(caller, members);
                    if (role == null || !name.isTextual()) {
                        return Pages.notFound(caller);
                    }
                    Rendering.Builder<?> view = Rendering.view("ui/" + section.path)
                            .status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                            .modelAttribute("caller", caller)
                            .modelAttribute("org", org)
                            .modelAttribute("name", name.asText())
                            .modelAttribute("section", section.path)
                            .modelAttribute("role", role)
                            .modelAttribute("mayChange", section.mayChange(role))
                            .modelAttribute("failedForm", failedForm)
                            .modelAttribute("problems", problems.general())
                            .modelAttribute("fieldProblems", problems.byField())
                            .modelAttribute("done", done);
                    switch (section) {
                        case CONTROLS -> controlsModel(view, data, params);
                        case TIMELINE -> view.modelAttribute("entries", tree(data.path("timeline")));
                        case ACCESS_LOG ->
                            view.modelAttribute("entries", tree(data.path("accessLog")))
                                    .modelAttribute("days", days(params.get("days")));
                        case CONSENT -> view.modelAttribute("grants", tree(data.path("consentGrants")));
                        case PEOPLE -> view.modelAttribute("members", tree(members));
                        case KEY_ACTIONS -> keyActionsModel(view, data);
                        case RISKS ->
                            view.modelAttribute("register", tree(data.path("riskRegister")))
                                    .modelAttribute(
                                            "analysis",
                                            tree(data.path("guideline").path("riskAnalysis")))
                                    .modelAttribute(
                                            "treatments",
                                            labels(data.path("guideline")
                                                    .path("riskAnalysis")
                                                    .path("treatments")));
                        case INCIDENTS -> {
                            JsonNode response = data.path("guideline").path("incidentResponse");
                            Map<String, Object> phaseTitles = new LinkedHashMap<>();
                            response.path("phases")
                                    .forEach(phase ->
                                            phaseTitles.put(phase.path("code").asText(), tree(phase.path("title"))));
                            view.modelAttribute("readiness", tree(data.path("incidentReadiness")))
                                    .modelAttribute("phases", tree(response.path("phases")))
                                    .modelAttribute("phaseTitles", phaseTitles)
                                    .modelAttribute("contactKinds", labels(response.path("contactKinds")));
                        }
                    }
                    return view.build();
                });
    }

    /** The controls by chapter (the part of the id before the dash), filtered by status, chapter and owner. */
    private void controlsModel(Rendering.Builder<?> view, JsonNode data, Map<String, String> params) {
        String status = params.getOrDefault("status", "");
        String chapter = params.getOrDefault("chapter", "");
        String owner = params.getOrDefault("owner", "").trim();
        Map<String, List<Object>> chapters = new TreeMap<>();
        List<String> allChapters = new ArrayList<>();
        int shown = 0;
        for (JsonNode control : data.path("organizationStatus").path("controls")) {
            String id = control.path("controlId").asText();
            String itsChapter = id.contains("-") ? id.substring(0, id.indexOf('-')) : id;
            if (!allChapters.contains(itsChapter)) {
                allChapters.add(itsChapter);
            }
            boolean matches = (status.isEmpty()
                            || status.equals(control.path("status").asText()))
                    && (chapter.isEmpty() || chapter.equals(itsChapter))
                    && (owner.isEmpty()
                            || control.path("owner").asText("").toLowerCase().contains(owner.toLowerCase()));
            if (matches) {
                chapters.computeIfAbsent(itsChapter, c -> new ArrayList<>()).add(tree(control));
                shown++;
            }
        }
        // the titles, as the catalog has them (compliance's guideline); an id the catalog lacks is shown as it is
        Map<String, Object> chapterTitles = new LinkedHashMap<>();
        Map<String, Object> controlTitles = new LinkedHashMap<>();
        for (JsonNode itsChapter : data.path("guideline").path("controlChapters")) {
            chapterTitles.put(itsChapter.path("id").asText(), tree(itsChapter.path("title")));
            itsChapter
                    .path("controls")
                    .forEach(control -> controlTitles.put(control.path("id").asText(), tree(control.path("title"))));
        }
        view.modelAttribute("chapters", chapters)
                .modelAttribute("chapterTitles", chapterTitles)
                .modelAttribute("controlTitles", controlTitles)
                .modelAttribute("allChapters", allChapters)
                .modelAttribute("shown", shown)
                .modelAttribute("filterStatus", status)
                .modelAttribute("filterChapter", chapter)
                .modelAttribute("filterOwner", owner);
    }

    /** Each key action of the checklist with its title from the guideline, in the guideline's order. */
    private void keyActionsModel(Rendering.Builder<?> view, JsonNode data) {
        JsonNode checklist = data.path("managementChecklist");
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        checklist
                .path("actions")
                .forEach(check -> checks.put(check.path("actionId").asText(), check));
        List<Map<String, Object>> actions = new ArrayList<>();
        for (JsonNode action : data.path("guideline").path("keyActions")) {
            JsonNode check = checks.getOrDefault(action.path("id").asText(), json.createObjectNode());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", action.path("id").asText());
            row.put("title", tree(action.path("title")));
            row.put("confirmed", check.path("confirmed").asBoolean(false));
            row.put("confirmedBy", check.path("confirmedBy").asText(null));
            row.put("confirmedOn", check.path("confirmedOn").asText(null));
            row.put("note", check.path("note").asText(null));
            actions.add(row);
        }
        view.modelAttribute("actions", actions)
                .modelAttribute("confirmed", checklist.path("confirmed").asInt())
                .modelAttribute("total", checklist.path("total").asInt(actions.size()))
                .modelAttribute("principles", tree(data.path("guideline").path("principles")));
    }

    /** The catalog's {@code { code label }} choices as code → label, in the catalog's order. */
    private Map<String, Object> labels(JsonNode choices) {
        Map<String, Object> labels = new LinkedHashMap<>();
        choices.forEach(choice -> labels.put(choice.path("code").asText(), tree(choice.path("label"))));
        return labels;
    }

    /** The access log's period: 30, 90 (the default) or 366 days. */
    private static int days(String value) {
        return switch (value == null ? "" : value) {
            case "30" -> 30;
            case "366" -> 366;
            default -> 90;
        };
    }

    private Object tree(JsonNode node) {
        return json.convertValue(node, Object.class);
    }
}

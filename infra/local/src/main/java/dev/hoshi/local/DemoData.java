package dev.hoshi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo data through the gateway, the way a client would: an operator registers the demo SMEs, an
 * industry association with members, and a partner client; the owners describe their SMEs and grant consent. The organisations are fictional and carry no
 * corporate numbers, so none can belong to a real company.
 */
final class DemoData {

    record DemoOrganization(String id, String name, String nameEn, String owner) {}

    static final List<DemoOrganization> ORGANIZATIONS = List.of(
            new DemoOrganization("sato-seisakusho", "株式会社佐藤製作所", "Sato Seisakusho Co., Ltd.", "demo-sato"),
            new DemoOrganization("suzuki-shoten", "鈴木商店", "Suzuki Shoten", "demo-suzuki"),
            new DemoOrganization("yamada-insatsu", "山田印刷株式会社", "Yamada Printing Co., Ltd.", "demo-yamada"),
            new DemoOrganization("kato-kogyo", "加藤工業株式会社", "Kato Kogyo Co., Ltd.", "demo-kato"),
            new DemoOrganization("aozora-denki", "青空電機株式会社", "Aozora Denki Co., Ltd.", "demo-kato"),
            new DemoOrganization("konan-kanagata", "港南金型有限会社", "Konan Kanagata Ltd.", "demo-kato"),
            new DemoOrganization("wakaba-kasei", "若葉化成株式会社", "Wakaba Kasei Co., Ltd.", "demo-kato"));

    /**
     * Each SME's profile (industry, employees, capital in yen, prefecture code) and what it lets the association
     * see: six consenting members, so the association's rollup shows figures (the disclosure threshold is 5).
     */
    record DemoProfile(
            String organization,
            String persona,
            String industry,
            String sector,
            int employees,
            long capitalYen,
            String prefecture,
            String associationScope) {}

    static final List<DemoProfile> PROFILES = List.of(
            new DemoProfile("sato-seisakusho", "sato", "E", null, 45, 30_000_000L, "13", "FULL_DETAIL"),
            new DemoProfile("suzuki-shoten", "suzuki", "I", "RETAIL", 4, 3_000_000L, "13", null),
            new DemoProfile("yamada-insatsu", "yamada", "E", null, 18, 10_000_000L, "13", "LEVEL_AND_SCORES"),
            new DemoProfile("kato-kogyo", "kato", "E", null, 12, 10_000_000L, "13", "FULL_DETAIL"),
            new DemoProfile("aozora-denki", "kato", "E", null, 8, 5_000_000L, "14", "FULL_DETAIL"),
            new DemoProfile("konan-kanagata", "kato", "E", null, 15, 3_000_000L, "14", "FULL_DETAIL"),
            new DemoProfile("wakaba-kasei", "kato", "E", null, 60, 50_000_000L, "11", "FULL_DETAIL"));
    static final String ASSOCIATION = "tokyo-machinery";
    static final String PARTNER = "bank-demo";

    private final GatewayClient gateway;

    DemoData(String gatewayUrl) {
        this.gateway = new GatewayClient(gatewayUrl);
    }

    /** A demo persona's token from the gateway's demo endpoint. */
    String token(String persona) throws IOException, InterruptedException {
        return gateway.token(persona);
    }

    /** Runs a GraphQL document against {@code /<service>/graphql} through the gateway; fails on any error. */
    JsonNode graphql(String service, String token, String organization, String document, Map<String, Object> variables)
            throws IOException, InterruptedException {
        return gateway.graphql(service, token, organization, document, variables);
    }

    /** Whether an earlier start seeded already (the data directory is reused between runs). */
    boolean isSeeded() throws IOException, InterruptedException {
        JsonNode data = graphql("directory", token("operator"), null, "{ organizations { id } }", Map.of());
        return data.path("organizations").size() > 0;
    }

    void seed(LocalStack.Progress progress) throws IOException, InterruptedException {
        String operator = token("operator");
        for (DemoOrganization org : ORGANIZATIONS) {
            graphql(
                    "directory",
                    operator,
                    null,
                    "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) {"
                            + " organization { id } errors { code message } } }",
                    Map.of(
                            "input",
                            Map.of("id", org.id(), "name", org.name(), "nameEn", org.nameEn(), "owner", org.owner())));
        }
        graphql(
                "directory",
                operator,
                null,
                "mutation($input: RegisterSupportOrganizationInput!) { registerSupportOrganization(input: $input) {"
                        + " supportOrganizationId errors { code message } } }",
                Map.of(
                        "input",
                        Map.of(
                                "id", ASSOCIATION,
                                "name", "東京都機械工業会（デモ）",
                                "nameEn", "Tokyo Machinery Association (demo)",
                                "kind", "INDUSTRY_ASSOCIATION",
                                "analyst", "demo-tanaka")));
        List<String> members = PROFILES.stream()
                .filter(p -> p.associationScope() != null)
                .map(DemoProfile::organization)
                .toList();
        for (String member : members) {
            graphql(
                    "directory",
                    operator,
                    null,
                    "mutation($input: RecordMembershipInput!) { recordMembership(input: $input) {"
                            + " organizationId errors { code message } } }",
                    Map.of("input", Map.of("supportOrganizationId", ASSOCIATION, "organizationId", member)));
        }
        graphql(
                "directory",
                operator,
                null,
                "mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) {"
                        + " partnerClient { id } errors { code message } } }",
                Map.of("input", Map.of("id", PARTNER, "name", "星ヶ丘銀行（デモ） / Hoshigaoka Bank (demo)")));
        seedContactPreferences();
        seedProfilesAndGrants();
        seedHistory(progress);
        progress.say("Seeded the demo data: " + ORGANIZATIONS.size()
                + " SMEs with up to a year and a half of history, an industry association with " + members.size()
                + " consenting members, a partner client that 佐藤製作所 lets see its level and scores");
    }

    /**
     * The demo people's e-mail addresses (fictional, {@code .example}) and languages, set before any history, so the
     * reminders the history triggers (山田印刷's overdue review and lapsed ★★) reach the mail catcher.
     */
    static final Map<String, String> CONTACT_LANGUAGES =
            Map.of("sato", "JA", "suzuki", "EN", "yamada", "JA", "kato", "EN", "tanaka", "JA");

    private void seedContactPreferences() throws IOException, InterruptedException {
        for (Map.Entry<String, String> person : CONTACT_LANGUAGES.entrySet()) {
            graphql(
                    "directory",
                    token(person.getKey()),
                    null,
                    "mutation($input: SetMyContactPreferencesInput!) { setMyContactPreferences(input: $input) {"
                            + " contactPreferences { email } errors { code message } } }",
                    Map.of(
                            "input",
                            Map.of("email", person.getKey() + "@demo.hoshi.example", "language", person.getValue())));
        }
    }

    /** Each owner describes its SME and grants the association (and Sato the bank) what it may see. */
    private void seedProfilesAndGrants() throws IOException, InterruptedException {
        for (DemoProfile p : PROFILES) {
            String owner = token(p.persona());
            // directory learns of a new organisation's people asynchronously: retry until the owner is known
            untilAccepted(() -> graphql(
                    "directory",
                    owner,
                    p.organization(),
                    "mutation($input: UpdateOrganizationProfileInput!) { updateOrganizationProfile(input: $input) {"
                            + " errors { code message } } }",
                    Map.of("input", profileInput(p))));
            if (p.associationScope() != null) {
                grant(owner, p.organization(), "SUPPORT_ORGANIZATION", ASSOCIATION, p.associationScope());
            }
        }
        grant(token("sato"), "sato-seisakusho", "PARTNER_CLIENT", PARTNER, "LEVEL_AND_SCORES");
    }

    private static Map<String, Object> profileInput(DemoProfile p) {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("industry", p.industry());
        if (p.sector() != null) {
            input.put("smeSector", p.sector()); // division I spans wholesale and retail
        }
        input.put("employees", p.employees());
        input.put("capitalYen", p.capitalYen());
        input.put("prefecture", p.prefecture());
        return input;
    }

    private void grant(String owner, String organization, String kind, String grantee, String scope)
            throws IOException, InterruptedException {
        graphql(
                "directory",
                owner,
                organization,
                "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { grantId errors { code message } } }",
                Map.of("input", Map.of("granteeKind", kind, "granteeId", grantee, "scope", scope)));
    }

    private interface Call {
        void run() throws IOException, InterruptedException;
    }

    /** Runs {@code call} until it succeeds, for up to 30 s. */
    private static void untilAccepted(Call call) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                call.run();
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 120) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * Compliance history at different stages, dated back from today: 佐藤製作所 holds ★★ with two yearly
     * self-assessments; 鈴木商店 has just started on the 5 articles; 山田印刷 declared ★★ but let its yearly
     * self-assessment slip, so its ★★ stands declared while Hoshi shows its prerequisites lapsed.
     */
    private void seedHistory(LocalStack.Progress progress) throws IOException, InterruptedException {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        Compliance sato = new Compliance("sato", "sato-seisakusho", today);
        sato.awaitKnown();
        sato.run("commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"%s\"}", 450);
        sato.run("recordDeclaration", "{level: ONE_STAR, declarationId: \"51000000017\", effectiveOn: \"%s\"}", 440);
        // the current sheet first: compliance's daily check may run while this seeds, and with only the sheet of 400
        // days ago it would find the self-assessment overdue and show ★★ lapsed (sheets may be recorded in any order)
        sato.submit(sheet(19, 4, 2, 0), 40);
        sato.submit(sheet(13, 4, 6, 2), 400);
        sato.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 380);
        sato.run(
                "publishBasicPolicy",
                "{publicUrl: \"https://sato-seisakusho.example.jp/security-policy\", effectiveOn: \"%s\"}",
                375);
        sato.run("recordDeclaration", "{level: TWO_STARS, declarationId: \"51000000017\", effectiveOn: \"%s\"}", 370);
        sato.run(
                "updateControlStatus",
                "{controlId: \"C06-01\", status: IMPLEMENTED, owner: \"demo-sato\", effectiveOn: \"%s\"}",
                300);
        sato.run(
                "updateControlStatus",
                "{controlId: \"C08-01\", status: NOT_APPLICABLE, justification: \"自社でソフトウェア開発を行っていない / no in-house software development\", effectiveOn: \"%s\"}",
                300);
        sato.run(
                "updateControlStatus",
                "{controlId: \"C07-01\", status: IN_PROGRESS, owner: \"demo-sato\", dueOn: \"" + today.plusDays(60)
                        + "\", evidenceUrl: \"https://sato-seisakusho.example.jp/backup-plan\", effectiveOn: \"%s\"}",
                30);
        sato.run("completeReview", "{kind: BASIC_POLICY, note: \"方針は現状に合っている / still fits\", effectiveOn: \"%s\"}", 20);

        Compliance suzuki = new Compliance("suzuki", "suzuki-shoten", today);
        suzuki.awaitKnown();
        suzuki.run("commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\"], effectiveOn: \"%s\"}", 60);

        Compliance yamada = new Compliance("yamada", "yamada-insatsu", today);
        yamada.awaitKnown();
        yamada.run(
                "commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"%s\"}", 500);
        yamada.run("recordDeclaration", "{level: ONE_STAR, declarationId: \"41000000025\", effectiveOn: \"%s\"}", 490);
        yamada.submit(sheet(10, 4, 8, 3), 420);
        yamada.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 410);
        yamada.run(
                "publishBasicPolicy",
                "{publicUrl: \"https://yamada-insatsu.example.jp/policy\", effectiveOn: \"%s\"}",
                405);
        yamada.run("recordDeclaration", "{level: TWO_STARS, declarationId: \"41000000025\", effectiveOn: \"%s\"}", 400);
        seedKatoFirms(today);
        progress.say("Seeded compliance history for the " + ORGANIZATIONS.size() + " SMEs");
    }

    /** Kato's four small firms: all five articles, a sheet each, a few controls; one has ★ and one ★★. */
    private void seedKatoFirms(java.time.LocalDate today) throws IOException, InterruptedException {
        List<List<Map<String, String>>> sheets =
                List.of(sheet(16, 5, 4, 0), sheet(11, 6, 6, 2), sheet(20, 3, 2, 0), sheet(7, 6, 9, 3));
        List<String> firms = List.of("kato-kogyo", "aozora-denki", "konan-kanagata", "wakaba-kasei");
        for (int i = 0; i < firms.size(); i++) {
            Compliance firm = new Compliance("kato", firms.get(i), today);
            firm.awaitKnown();
            firm.run(
                    "commitToFiveArticles",
                    "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"%s\"}",
                    200 - 20 * i);
            firm.submit(sheets.get(i), 120 - 20 * i);
            firm.run(
                    "updateControlStatus",
                    "{controlId: \"C06-01\", status: IMPLEMENTED, owner: \"demo-kato\", effectiveOn: \"%s\"}",
                    100 - 20 * i);
            if (i == 0 || i == 2) {
                firm.run(
                        "updateControlStatus",
                        "{controlId: \"C01-01\", status: IMPLEMENTED, owner: \"demo-kato\", effectiveOn: \"%s\"}",
                        90 - 20 * i);
            }
        }
        Compliance kato = new Compliance("kato", "kato-kogyo", today);
        kato.run("recordDeclaration", "{level: ONE_STAR, declarationId: \"51000000041\", effectiveOn: \"%s\"}", 150);
        Compliance konan = new Compliance("kato", "konan-kanagata", today);
        konan.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 50);
        konan.run(
                "publishBasicPolicy",
                "{publicUrl: \"https://konan-kanagata.example.jp/policy\", effectiveOn: \"%s\"}",
                49);
    }

    /** A sheet with so many items DONE, PARTLY, NOT_DONE and UNKNOWN, in item order (25 in all). */
    static List<Map<String, String>> sheet(int done, int partly, int notDone, int unknown) {
        if (done + partly + notDone + unknown != 25) {
            throw new IllegalArgumentException("a sheet has 25 answers");
        }
        List<Map<String, String>> answers = new java.util.ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            String answer = i <= done
                    ? "DONE"
                    : i <= done + partly ? "PARTLY" : i <= done + partly + notDone ? "NOT_DONE" : "UNKNOWN";
            answers.add(Map.of("item", "Q" + i, "answer", answer));
        }
        return answers;
    }

    /** One persona acting for its organisation through the gateway's compliance route. */
    final class Compliance {
        private final String token;
        private final String organization;
        private final java.time.LocalDate today;

        Compliance(String persona, String organization, java.time.LocalDate today)
                throws IOException, InterruptedException {
            this.token = token(persona);
            this.organization = organization;
            this.today = today;
        }

        /** Waits until compliance has learnt of the organisation from directory's event. */
        void awaitKnown() throws IOException, InterruptedException {
            for (int i = 0; i < 120; i++) {
                if (!graphql("compliance", token, organization, "{ organizationStatus { level } }", Map.of())
                        .path("organizationStatus")
                        .isNull()) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("compliance did not learn of " + organization + " within 30 s");
        }

        /** Runs a mutation whose input has one %s for the date {@code daysAgo} days before today. */
        void run(String mutation, String input, int daysAgo) throws IOException, InterruptedException {
            graphql(
                    "compliance",
                    token,
                    organization,
                    "mutation { " + mutation + "(input: " + input.formatted(today.minusDays(daysAgo))
                            + ") { errors { code message } } }",
                    Map.of());
        }

        /** Submits a sheet completed {@code daysAgo} days before today; returns its id. */
        String submit(List<Map<String, String>> answers, int daysAgo) throws IOException, InterruptedException {
            return submit(Map.of(
                    "answers", answers, "completedOn", today.minusDays(daysAgo).toString()));
        }

        /** Submits a sheet that corrects (supersedes) {@code corrected}; returns its id. */
        String submitCorrection(List<Map<String, String>> answers, int daysAgo, String corrected)
                throws IOException, InterruptedException {
            return submit(Map.of(
                    "answers", answers, "completedOn", today.minusDays(daysAgo).toString(), "supersedes", corrected));
        }

        private String submit(Map<String, Object> input) throws IOException, InterruptedException {
            return graphql(
                            "compliance",
                            token,
                            organization,
                            "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) {"
                                    + " assessmentId errors { code message } } }",
                            Map.of("input", input))
                    .path("submitSelfAssessment")
                    .path("assessmentId")
                    .asText();
        }
    }
}

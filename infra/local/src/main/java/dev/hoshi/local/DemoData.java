package dev.hoshi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo data through the gateway, the way a client would: an operator registers the demo SMEs, an
 * industry association with members, and a partner client. The organisations are fictional and carry no
 * corporate numbers, so none can belong to a real company.
 */
final class DemoData {

    record DemoOrganization(String id, String name, String nameEn, String owner) {}

    static final List<DemoOrganization> ORGANIZATIONS = List.of(
            new DemoOrganization("sato-seisakusho", "株式会社佐藤製作所", "Sato Seisakusho Co., Ltd.", "demo-sato"),
            new DemoOrganization("suzuki-shoten", "鈴木商店", "Suzuki Shoten", "demo-suzuki"),
            new DemoOrganization("yamada-insatsu", "山田印刷株式会社", "Yamada Printing Co., Ltd.", "demo-yamada"));
    static final String ASSOCIATION = "tokyo-machinery";
    static final String PARTNER = "bank-demo";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    DemoData(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    /** A demo persona's token from the gateway's demo endpoint. */
    String token(String persona) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/demo/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("persona", persona))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The gateway gave no demo token for " + persona + ": "
                    + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("access_token").asText();
    }

    /** Runs a GraphQL document against {@code /<service>/graphql} through the gateway; fails on any error. */
    JsonNode graphql(String service, String token, String organization, String document, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/" + service + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("query", document, "variables", variables))));
        if (organization != null) {
            request.header("X-Hoshi-Organization", organization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        if (body == null || body.has("errors")) {
            throw new IllegalStateException(
                    service + " answered " + response.statusCode() + ": " + response.body() + " to " + document);
        }
        JsonNode data = body.path("data");
        data.forEach(payload -> {
            if (payload.path("errors").size() > 0) {
                throw new IllegalStateException(service + " refused: " + payload.path("errors"));
            }
        });
        return data;
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
        for (String member : List.of("sato-seisakusho", "yamada-insatsu")) {
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
        progress.say("Seeded the demo data: " + ORGANIZATIONS.size()
                + " SMEs, an industry association with 2 members, a partner client");
    }
}

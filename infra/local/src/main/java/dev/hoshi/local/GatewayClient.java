package dev.hoshi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A client of the gateway as the demo data and the benchmarks use it: demo personas' tokens and GraphQL calls that
 * fail on any error. Thread-safe; HTTP/1.1 with kept-alive connections, as a browser or a partner's server talks to
 * the gateway.
 */
final class GatewayClient {

    /**
     * How long a request may wait for the gateway's answer: far above any answer's time, so that a request the
     * gateway never answers (as Reactor Netty's kept-alive bug did before the gateway's fix: docs/gateway.md) fails with
     * an {@code HttpTimeoutException} instead of waiting for ever.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String gateway;

    GatewayClient(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    String url() {
        return gateway;
    }

    HttpClient http() {
        return http;
    }

    /** A demo persona's token from the gateway's demo endpoint. */
    String token(String persona) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/demo/token"))
                        .timeout(ANSWER_WITHIN)
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

    /**
     * Runs a GraphQL document against {@code /<service>/graphql} through the gateway and answers its {@code data};
     * throws on an HTTP error, a GraphQL error or a payload's {@code errors}.
     */
    JsonNode graphql(String service, String token, String organization, String document, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/" + service + "/graphql"))
                .timeout(ANSWER_WITHIN)
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
                throw new IllegalStateException(service + " refused: " + payload.path("errors") + " to " + document);
            }
        });
        return data;
    }
}

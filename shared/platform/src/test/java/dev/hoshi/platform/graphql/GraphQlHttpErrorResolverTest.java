package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/** Requests to the GraphQL endpoint that are not GraphQL requests get a coded client error, never a server error. */
class GraphQlHttpErrorResolverTest {

    private final GraphQlHttpErrorResolver resolver = new GraphQlHttpErrorResolver("/graphql");

    private JsonNode resolve(String uri, Exception ex, MockHttpServletResponse response) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        if (resolver.resolveException(request, response, null, ex) == null) {
            return null;
        }
        return new ObjectMapper().readTree(response.getContentAsByteArray());
    }

    @Test
    void aNullBodyOrAWildcardContentTypeIsABadRequestWithACode() throws Exception {
        for (Exception ex : List.of(
                new NullPointerException("Cannot invoke \"GraphQlRequest.getDocument()\" because \"body\" is null"),
                new IllegalArgumentException("Content-Type cannot contain wildcard type '*'"))) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            // as the service sees it behind the gateway, with the forwarded prefix
            JsonNode body = resolve("/compliance/graphql", ex, response);

            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
            JsonNode error = body.path("errors").get(0);
            assertThat(error.path("extensions").path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("message").asText()).contains("JSON object").doesNotContain("Exception", "body");
            assertThat(error.path("extensions").path("messageJa").asText()).isNotBlank();
        }
    }

    @Test
    void anotherContentTypeOrMethodIsSaidSo() throws Exception {
        MockHttpServletResponse media = new MockHttpServletResponse();
        assertThat(resolve("/graphql", new HttpMediaTypeNotSupportedException("text/plain"), media)
                        .at("/errors/0/extensions/code")
                        .asText())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(media.getStatus()).isEqualTo(415);

        MockHttpServletResponse method = new MockHttpServletResponse();
        assertThat(resolve("/graphql", new HttpRequestMethodNotSupportedException(HttpMethod.GET.name()), method)
                        .at("/errors/0/extensions/code")
                        .asText())
                .isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(method.getStatus()).isEqualTo(405);
    }

    @Test
    void otherPathsAndOtherFailuresAreLeftAlone() throws Exception {
        assertThat(resolve("/actuator/health", new NullPointerException(), new MockHttpServletResponse()))
                .isNull();
        assertThat(resolve("/graphql", new IllegalStateException("a real fault"), new MockHttpServletResponse()))
                .isNull();
    }
}

package dev.hoshi.platform.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A request to the GraphQL endpoint that is not a GraphQL request (a body that is no JSON object with a query, such as
 * {@code null}, a batch or broken JSON; another content type, method or {@code Accept}) is answered with a GraphQL-shaped
 * error that has a code and says what to send: never a server error, and never Spring's bare error page. Spring for
 * GraphQL's HTTP handler fails on some of these with a {@code NullPointerException} or {@code IllegalArgumentException}
 * before any GraphQL runs; anything raised once a request runs is a GraphQL error and never reaches here.
 */
public class GraphQlHttpErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GraphQlHttpErrorResolver.class);

    private final String path;
    private final ObjectMapper json = new ObjectMapper();

    /** For the GraphQL endpoint at {@code path} ({@code spring.graphql.http.path}). */
    public GraphQlHttpErrorResolver(String path) {
        this.path = path;
    }

    /** What a refused request is told. */
    record Refusal(int status, String code, String message, String messageJa) {}

    static final Refusal NOT_GRAPHQL = new Refusal(
            400,
            "BAD_REQUEST",
            "Send one GraphQL request as a JSON object: {\"query\": \"…\"}, optionally with \"operationName\" (a string)"
                    + " and \"variables\" and \"extensions\" (objects); batches (JSON arrays) are not accepted.",
            "GraphQL のリクエストを1件ずつ JSON オブジェクト（{\"query\": \"…\"}、必要なら \"operationName\"・\"variables\"・"
                    + "\"extensions\"）で送ってください。配列によるまとめ送信はできません。");

    static final Refusal MEDIA_TYPE = new Refusal(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Send the request with Content-Type: application/json.",
            "Content-Type: application/json でリクエストを送ってください。");

    static final Refusal NOT_ACCEPTABLE = new Refusal(
            406,
            "NOT_ACCEPTABLE",
            "The answer is JSON: accept application/json or application/graphql-response+json.",
            "応答は JSON です。Accept に application/json または application/graphql-response+json を指定してください。");

    static final Refusal METHOD = new Refusal(
            405,
            "METHOD_NOT_ALLOWED",
            "Send GraphQL requests, queries and mutations alike, with POST.",
            "GraphQL のリクエストは、クエリも更新も POST で送ってください。");

    /** The refusal for what went wrong, or nothing when it is not about the request's form. */
    static Refusal refusal(Exception ex) {
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return MEDIA_TYPE;
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return NOT_ACCEPTABLE;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException || ex instanceof NoResourceFoundException) {
            return METHOD;
        }
        if (ex instanceof HttpMessageNotReadableException
                || ex instanceof ResponseStatusException status
                        && status.getStatusCode().is4xxClientError()
                || ex instanceof NullPointerException
                || ex instanceof IllegalArgumentException) {
            return NOT_GRAPHQL;
        }
        return null;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        // behind the gateway the URI carries its prefix (X-Forwarded-Prefix: /compliance makes /compliance/graphql)
        String uri = request.getRequestURI();
        Refusal refusal = uri != null && uri.endsWith(path) ? refusal(ex) : null;
        if (refusal == null || response.isCommitted()) {
            return null;
        }
        log.debug("Refused a request to {} that is not a GraphQL request", path, ex);
        try {
            response.resetBuffer();
            response.setStatus(refusal.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), body(refusal));
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    static Map<String, Object> body(Refusal refusal) {
        return Map.of(
                "errors",
                List.of(Map.of(
                        "message",
                        refusal.message(),
                        "extensions",
                        Map.of(
                                "code", refusal.code(),
                                "classification", refusal.code(),
                                "messageJa", refusal.messageJa()))));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

package dev.hoshi.platform.graphql.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.server.ServerContainer;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.graphql.GraphQlCorsProperties;
import org.springframework.boot.autoconfigure.graphql.GraphQlProperties;
import org.springframework.boot.autoconfigure.graphql.servlet.GraphQlWebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConverters;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketHandler;

/**
 * GraphQL subscriptions over WebSocket in a service that has them ({@code spring.graphql.websocket.path} set and
 * spring-websocket on the class path): Spring Boot's handler (same settings, CORS included), replaced by one that refuses malformed messages with
 * {@code 4400} ({@link CheckedGraphQlWebSocketHandler}), and a message limit equal to the gateway's ({@value
 * #MAX_MESSAGE_BYTES} bytes), so that every message the gateway passes on is read and answered here. Larger messages are
 * refused by the gateway with {@code 1009}.
 */
@AutoConfiguration(before = GraphQlWebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({GraphQlWebSocketHandler.class, ServerContainer.class, WebSocketHandler.class})
@ConditionalOnProperty(prefix = "spring.graphql.websocket", name = "path")
public class HoshiGraphQlWebSocketAutoConfiguration {

    /** The largest text message read, as the gateway's WebSocket frame limit (docs/gateway.md). */
    public static final int MAX_MESSAGE_BYTES = 65_536;

    private static final String TOMCAT_TEXT_BUFFER_SIZE = "org.apache.tomcat.websocket.textBufferSize";
    private static final String TOMCAT_BINARY_BUFFER_SIZE = "org.apache.tomcat.websocket.binaryBufferSize";

    @Bean
    @ConditionalOnMissingBean
    public GraphQlWebSocketHandler graphQlWebSocketHandler(
            WebGraphQlHandler graphQlHandler,
            GraphQlProperties properties,
            GraphQlCorsProperties cors,
            HttpMessageConverters converters,
            ObjectProvider<ObjectMapper> json) {
        return new CheckedGraphQlWebSocketHandler(
                graphQlHandler,
                jsonConverter(converters),
                properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive(),
                Objects.requireNonNullElseGet(cors.toCorsConfiguration(), CorsConfiguration::new),
                new TransportMessageCheck(json.getIfAvailable(ObjectMapper::new)));
    }

    /**
     * Tomcat's WebSocket buffers (its default is 8 KiB), set through the servlet context so that a test without a
     * running server (no WebSocket container) is unaffected.
     */
    @Bean
    public ServletContextInitializer webSocketMessageLimit() {
        return servletContext -> {
            servletContext.setInitParameter(TOMCAT_TEXT_BUFFER_SIZE, String.valueOf(MAX_MESSAGE_BYTES));
            servletContext.setInitParameter(TOMCAT_BINARY_BUFFER_SIZE, String.valueOf(MAX_MESSAGE_BYTES));
        };
    }

    private static HttpMessageConverter<?> jsonConverter(HttpMessageConverters converters) {
        return converters.getConverters().stream()
                .filter(converter -> converter.canRead(Map.class, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JSON message converter for GraphQL over WebSocket"));
    }
}

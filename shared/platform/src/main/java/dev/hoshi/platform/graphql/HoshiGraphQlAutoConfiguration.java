package dev.hoshi.platform.graphql;

import dev.hoshi.platform.axon.HoshiAxonAutoConfiguration;
import dev.hoshi.platform.axon.ProjectionRebuilds;
import dev.hoshi.platform.config.HoshiProperties;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.graphql.GraphQlAutoConfiguration;
import org.springframework.boot.autoconfigure.graphql.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Limits on what one GraphQL request may ask for ({@code hoshi.graphql.max-depth}; its cost, exports and
 * introspection: {@link QueryCostInstrumentation}), the
 * mapping of exceptions to GraphQL errors (of queries and mutations, and of subscriptions), a strict {@code ID}
 * ({@link StrictId}), and coded errors for requests that are not GraphQL requests ({@link GraphQlHttpErrorResolver}).
 * Spring for GraphQL picks up these beans by type.
 */
@AutoConfiguration(before = GraphQlAutoConfiguration.class, after = HoshiAxonAutoConfiguration.class)
@ConditionalOnClass(MaxQueryDepthInstrumentation.class)
@EnableConfigurationProperties(HoshiProperties.class)
public class HoshiGraphQlAutoConfiguration {

    static final int PARSED_DOCUMENTS = 512;
    static final int PARSED_DOCUMENT_MAX_LENGTH = 16_384;

    @Bean
    public MaxQueryDepthInstrumentation maxQueryDepthInstrumentation(HoshiProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.graphql().maxDepth());
    }

    @Bean
    public QueryCostInstrumentation queryCostInstrumentation(HoshiProperties properties, Environment environment) {
        HoshiProperties.Graphql graphql = properties.graphql();
        return new QueryCostInstrumentation(
                graphql.maxComplexity(),
                graphql.fieldWeights(),
                graphql.maxExportFields(),
                QueryCostInstrumentation.operatorsOnly(environment.matchesProfiles("demo")));
    }

    /** GraphQL requests timed by operation name, the names bounded ({@link OperationTimer}). */
    @Bean
    public Instrumentation graphQlOperationTimer(ObjectProvider<MeterRegistry> registry) {
        return new OperationTimer(registry.getIfAvailable(CompositeMeterRegistry::new));
    }

    /** Each distinct document parsed and validated once ({@link ParsedDocuments}). */
    @Bean
    public GraphQlSourceBuilderCustomizer parsedDocuments() {
        ParsedDocuments documents = new ParsedDocuments(PARSED_DOCUMENTS, PARSED_DOCUMENT_MAX_LENGTH);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
    }

    @Bean
    public RuntimeWiringConfigurer strictIdScalar() {
        return StrictId::register;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public GraphQlHttpErrorResolver graphQlHttpErrorResolver(
            @Value("${spring.graphql.http.path:/graphql}") String path) {
        return new GraphQlHttpErrorResolver(path);
    }

    /** {@code rebuildProjection(name)} for operators, in every service whose schema declares it. */
    @Bean
    @ConditionalOnBean(ProjectionRebuilds.class)
    public ProjectionRebuildController projectionRebuildController(ProjectionRebuilds rebuilds) {
        return new ProjectionRebuildController(rebuilds);
    }

    @Bean
    public HoshiGraphQlExceptionResolver hoshiGraphQlExceptionResolver() {
        return new HoshiGraphQlExceptionResolver();
    }

    @Bean
    public HoshiSubscriptionExceptionResolver hoshiSubscriptionExceptionResolver() {
        return new HoshiSubscriptionExceptionResolver();
    }
}

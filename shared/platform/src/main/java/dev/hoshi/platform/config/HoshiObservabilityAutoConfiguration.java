package dev.hoshi.platform.config;

import com.mongodb.client.MongoClient;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A MongoDB health check on the raw driver (Boot's own needs Spring Data), and propagation of the request context
 * wherever Spring for GraphQL or Reactor hop threads.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
public class HoshiObservabilityAutoConfiguration {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new RequestContextAccessor());
    }

    @Bean
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    public AbstractHealthIndicator mongoHealthIndicator(MongoClient client) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                client.getDatabase("admin").runCommand(new Document("ping", 1));
                builder.up();
            }
        };
    }

    /** Carries {@link CurrentContext} across the thread hops of reactive and asynchronous execution. */
    static final class RequestContextAccessor implements ThreadLocalAccessor<RequestContext> {

        static final String KEY = "hoshi.request-context";

        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public RequestContext getValue() {
            return CurrentContext.get().orElse(null);
        }

        @Override
        public void setValue(RequestContext value) {
            CurrentContext.set(value);
        }

        @Override
        public void setValue() {
            CurrentContext.set(null);
        }
    }
}

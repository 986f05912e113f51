package dev.hoshi.platform.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.eventstore.EventStoreCollections;
import dev.hoshi.eventstore.HoshiEventStorageEngine;
import dev.hoshi.platform.config.HoshiProperties;
import dev.hoshi.platform.personal.PersonalDataSerializer;
import dev.hoshi.platform.personal.PersonalDataVault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Axon as every Hoshi service runs it: events in Hoshi's MongoDB engine ({@code hoshi.eventstore.*}) with Axon's
 * snapshot filter (a snapshot is used only if it carries its aggregate's {@code @Revision}), tracking
 * tokens in the service's own database through the Axon Mongo extension's {@link MongoTokenStore}, pooled
 * streaming processors with Hoshi's defaults ({@code hoshi.processing.*}; tune one processor by name under {@code
 * axon.eventhandling.processors.<name>} with {@code mode: pooled}) that are woken when new events arrive ({@link
 * EventAvailabilityNotifier}), an event store that looks for other services' events at a paced interval ({@link
 * PacedEventStore}), projections' writes gathered per batch ({@link ProjectionBatch}), and the request context
 * carried by every message.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class, after = MongoAutoConfiguration.class)
@EnableConfigurationProperties(HoshiProperties.class)
public class HoshiAxonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public HoshiEventStorageEngine eventStorageEngine(
            MongoClient mongoClient,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer snapshotSerializer,
            org.axonframework.config.Configuration configuration,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<PersonalDataVault> vault,
            HoshiProperties properties) {
        HoshiProperties.Eventstore settings = properties.eventstore();
        PersonalDataVault personalData = vault.getIfAvailable();
        if (personalData != null) {
            // personal data (@Personal values, who acted) is stored sealed, events and snapshots alike
            eventSerializer = PersonalDataSerializer.wrap(eventSerializer, personalData);
            snapshotSerializer = PersonalDataSerializer.wrap(snapshotSerializer, personalData);
        }
        return HoshiEventStorageEngine.builder()
                .mongoClient(mongoClient)
                .collections(EventStoreCollections.in(settings.database()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                // as Axon's own engines get it: a snapshot without its aggregate's @Revision is skipped
                .snapshotFilter(configuration.snapshotFilter())
                .batchSize(settings.batchSize())
                .orderWait(settings.orderWait())
                .gapTimeout(settings.gapTimeout())
                .maxGapOffset(settings.maxGapOffset())
                .transactions(settings.transactions())
                .meterRegistry(meterRegistry.getIfAvailable(CompositeMeterRegistry::new))
                .build();
    }

    /**
     * Axon's embedded event store with its look for other services' events paced ({@link PacedEventStore}):
     * {@code hoshi.processing.fetch-delay} while events flow, backing off to {@code idle-fetch-delay} when idle.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnMissingBean(EventBus.class)
    public EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            HoshiProperties properties) {
        HoshiProperties.Processing processing = properties.processing();
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        if (storageEngine instanceof HoshiEventStorageEngine hoshi) {
            return new PacedEventStore(
                    builder,
                    hoshi::highestReserved,
                    hoshi::waitingForAppends,
                    processing.fetchDelay(),
                    processing.idleFetchDelay());
        }
        return builder.fetchDelay(processing.idleFetchDelay().toMillis()).build();
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public TokenStore tokenStore(
            MongoClient mongoClient, Serializer serializer, HoshiProperties properties, Environment environment) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongoClient, serviceDatabase(properties, environment))
                        .build())
                .serializer(serializer)
                .build();
    }

    /** This service's own database, for its read models (and, through the token store, its tokens). */
    @Bean
    @ConditionalOnMissingBean(name = "serviceDatabase")
    public MongoDatabase serviceDatabase(MongoClient mongoClient, HoshiProperties properties, Environment environment) {
        return mongoClient.getDatabase(serviceDatabase(properties, environment));
    }

    /** This service's own database: {@code hoshi.service.database}, else {@code hoshi_<application name>}. */
    public static String serviceDatabase(HoshiProperties properties, Environment environment) {
        if (properties.service().database() != null) {
            return properties.service().database();
        }
        String application = environment.getProperty("spring.application.name", "service");
        return "hoshi_" + application.replaceAll("[^A-Za-z0-9_]", "_");
    }

    @Bean
    public ConfigurerModule hoshiProcessingDefaults(HoshiProperties properties) {
        HoshiProperties.Processing defaults = properties.processing();
        EventNotification notification = new EventNotification();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultHandlerInterceptor((config, name) -> new ProjectionBatchInterceptor())
                .usingPooledStreamingEventProcessors((config, builder) -> {
                    ScheduledExecutorService workers = Executors.newScheduledThreadPool(
                            defaults.threadCount(), new AxonThreadFactory("hoshi-processor"));
                    config.onShutdown(workers::shutdown);
                    if (defaults.eventNotification()) {
                        builder.messageSource(notification.notifier(config));
                    }
                    return builder.workerExecutor(workers)
                            .batchSize(defaults.batchSize())
                            .initialSegmentCount(defaults.initialSegmentCount())
                            .tokenClaimInterval(defaults.tokenClaimInterval().toMillis());
                }));
    }

    /** One notifier for all processors of a configuration, stopped with it. */
    private static final class EventNotification {
        private EventAvailabilityNotifier notifier;

        synchronized EventAvailabilityNotifier notifier(org.axonframework.config.Configuration config) {
            if (notifier == null) {
                EventAvailabilityNotifier created = new EventAvailabilityNotifier(config.eventStore());
                config.onShutdown(created::stop);
                notifier = created;
            }
            return notifier;
        }
    }

    /** Commands that lose a race for their aggregate are sent again (see {@link ConflictRetryScheduler}). */
    @Bean
    @ConditionalOnMissingBean(CommandGateway.class)
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ConflictRetryScheduler.create(3, 25))
                .build();
    }

    /**
     * Stored events whose type has since moved; Axon's Spring Boot auto-configuration registers every {@link
     * EventUpcaster} bean with the configurer, so it is in {@code configuration.upcasterChain()} above.
     */
    @Bean
    public EventUpcaster memberDataDisclosedEventInsightsToDisclosureUpcaster() {
        return new MemberDataDisclosedEventInsights_to_DisclosureUpcaster();
    }

    /** An operator's rebuild of one projection by name (GraphQL {@code rebuildProjection}). */
    @Bean
    public ProjectionRebuilds projectionRebuilds(EventProcessingConfiguration processing, TokenStore tokenStore) {
        return new ProjectionRebuilds(processing, tokenStore);
    }

    @Bean
    public CorrelationDataProvider hoshiCorrelationDataProvider() {
        return new HoshiCorrelationDataProvider();
    }

    @Bean
    public MessageDispatchInterceptor<CommandMessage<?>> requestContextCommandInterceptor() {
        return new RequestContextCommandInterceptor();
    }

    @Bean
    public MessageHandlerInterceptor<Message<?>> contextBindingHandlerInterceptor() {
        return new ContextBindingHandlerInterceptor<>();
    }

    /** On the bus itself, not the gateway: it must see events applied by aggregates too. */
    @Bean
    public InitializingBean eventContextGuardRegistration(EventBus eventBus) {
        return () -> eventBus.registerDispatchInterceptor(new EventContextGuard());
    }
}

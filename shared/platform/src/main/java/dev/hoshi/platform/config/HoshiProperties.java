package dev.hoshi.platform.config;

import dev.hoshi.eventstore.HoshiEventStorageEngine.Transactions;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hoshi's own settings, under {@code hoshi.*}.
 *
 * @param eventstore where and how events are stored (shared by all services)
 * @param service this service's own database (tokens, read models)
 * @param processing defaults for every event processor not tuned by name under {@code axon.eventhandling.processors}
 * @param graphql limits on what one GraphQL request may ask for
 */
@ConfigurationProperties("hoshi")
public record HoshiProperties(Eventstore eventstore, Service service, Processing processing, Graphql graphql) {

    public HoshiProperties {
        eventstore = eventstore != null ? eventstore : new Eventstore(null, 0, null, null, 0, null);
        service = service != null ? service : new Service(null);
        processing = processing != null ? processing : new Processing(0, 0, 0, null, null, null, null);
        graphql = graphql != null ? graphql : new Graphql(0, 0, null, 0);
    }

    /**
     * @param database the event store's database, shared by every service
     * @param batchSize events per read batch
     * @param orderWait how long trackers wait for a number reserved moments ago before delivering the events after
     *     it, so that every projection sees events in global sequence order, as a rebuild replays them
     * @param gapTimeout how long a reserved-but-unwritten number is waited for
     * @param maxGapOffset how far behind the newest event a gap may lie
     * @param transactions whether appends use transactions (AUTO: when the server has them)
     */
    public record Eventstore(
            String database,
            int batchSize,
            Duration orderWait,
            Duration gapTimeout,
            int maxGapOffset,
            Transactions transactions) {
        public Eventstore {
            database = database != null ? database : "hoshi_events";
            batchSize = batchSize > 0 ? batchSize : 100;
            orderWait = orderWait != null ? orderWait : Duration.ofSeconds(2);
            gapTimeout = gapTimeout != null ? gapTimeout : Duration.ofSeconds(60);
            maxGapOffset = maxGapOffset > 0 ? maxGapOffset : 10_000;
            transactions = transactions != null ? transactions : Transactions.AUTO;
        }
    }

    /** @param database this service's database: tracking tokens and read models */
    public record Service(String database) {}

    /**
     * @param batchSize events per transaction of a processor
     * @param initialSegmentCount segments a new processor starts with: how many replicas can share its work
     * @param threadCount worker threads per processor
     * @param tokenClaimInterval how often a processor looks for unclaimed segments
     * @param eventNotification whether an idle processor is told when new events arrive (default) rather than
     *     looking every 500 ms: a command's effect then shows in the service's own read models within milliseconds
     * @param fetchDelay how soon the event store looks again for events other services appended, while it keeps
     *     finding some (its counter moves); each look that finds none doubles the wait up to {@code idleFetchDelay}
     * @param idleFetchDelay the longest wait between two looks, when nothing happens: bounds how late an idle service
     *     sees another service's first event, and keeps an idle service's reads to a few point look-ups a second
     */
    public record Processing(
            int batchSize,
            int initialSegmentCount,
            int threadCount,
            Duration tokenClaimInterval,
            Boolean eventNotification,
            Duration fetchDelay,
            Duration idleFetchDelay) {
        public Processing {
            fetchDelay = fetchDelay != null ? fetchDelay : Duration.ofMillis(25);
            idleFetchDelay = idleFetchDelay != null ? idleFetchDelay : Duration.ofMillis(400);
            if (idleFetchDelay.compareTo(fetchDelay) < 0) {
                throw new IllegalArgumentException("hoshi.processing.idle-fetch-delay (" + idleFetchDelay
                        + ") must not be shorter than hoshi.processing.fetch-delay (" + fetchDelay + ")");
            }
            eventNotification = eventNotification == null || eventNotification;
            batchSize = batchSize > 0 ? batchSize : 100;
            initialSegmentCount = initialSegmentCount > 0 ? initialSegmentCount : 4;
            threadCount = threadCount > 0 ? threadCount : 2;
            tokenClaimInterval = tokenClaimInterval != null ? tokenClaimInterval : Duration.ofSeconds(5);
        }
    }

    /**
     * @param maxDepth deepest nesting of fields a query may have
     * @param maxComplexity the most a request may cost: each selected field (each alias, each use of a fragment)
     *     costs its weight, 1 unless {@code field-weights} says otherwise
     * @param fieldWeights the cost of expensive fields by name (exports, series, member pages)
     * @param maxExportFields how many fields named {@code …Export} one request may select, aliases counted
     */
    public record Graphql(int maxDepth, int maxComplexity, Map<String, Integer> fieldWeights, int maxExportFields) {
        public Graphql {
            maxDepth = maxDepth > 0 ? maxDepth : 12;
            maxComplexity = maxComplexity > 0 ? maxComplexity : 500;
            fieldWeights = fieldWeights != null ? Map.copyOf(fieldWeights) : Map.of();
            maxExportFields = maxExportFields > 0 ? maxExportFields : 1;
        }
    }
}

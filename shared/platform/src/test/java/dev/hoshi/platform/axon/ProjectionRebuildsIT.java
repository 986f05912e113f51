package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * {@link ProjectionRebuilds} against a real token store (the Axon Mongo extension's, as services run it): which
 * names it takes, and that it changes nothing (no reset, the processor running again) when it refuses.
 */
class ProjectionRebuildsIT {

    private static final String GROUP = "tally-v3";

    private final TestMongo mongo = TestMongo.get();
    private final String database = mongo.freshDatabaseName("rebuilds");
    private final TokenStore here = tokenStore("here");
    private final StreamingEventProcessor tally = processor(true);
    private final StreamingEventProcessor accessLog = processor(false);
    private final ProjectionRebuilds rebuilds =
            new ProjectionRebuilds(processing(Map.of(GROUP, tally, "access-log", accessLog)), here);

    @Test
    void aProjectionIsNamedByItsProcessingGroupOrWithoutItsLayoutVersion() {
        here.initializeTokenSegments(GROUP, 2);

        assertThat(rebuilds.names()).containsExactly(GROUP);
        assertThat(rebuilds.rebuild("tally")).isEqualTo(new ProjectionRebuilds.Rebuild(GROUP, 2));
        assertThat(rebuilds.rebuild(GROUP)).isEqualTo(new ProjectionRebuilds.Rebuild(GROUP, 2));

        InOrder order = inOrder(tally);
        order.verify(tally).shutDown();
        order.verify(tally).resetTokens();
        order.verify(tally).start();
    }

    @Test
    void whileAnotherInstanceHoldsASegmentNothingIsResetAndTheProcessorRunsAgain() {
        here.initializeTokenSegments(GROUP, 2);
        tokenStore("there").fetchToken(GROUP, 1);

        assertThatThrownBy(() -> rebuilds.rebuild(GROUP)).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("PROJECTION_BUSY");
            assertThat(e.getMessage()).contains(GROUP).contains("Nothing was changed");
            assertThat(e.messageJa()).contains("何も変更されていません");
        });
        verify(tally, never()).resetTokens();
        verify(tally).start();
        // the segment claimed here on the way was given back
        tokenStore("elsewhere").fetchToken(GROUP, 0);
    }

    @Test
    void anUnknownNameListsTheProjectionsThereAreAndTouchesNoProcessor() {
        assertThatThrownBy(() -> rebuilds.rebuild("tallies")).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("UNKNOWN_PROJECTION");
            assertThat(e.getMessage()).contains("'tallies'").contains(GROUP);
            assertThat(e.messageJa()).contains(GROUP);
        });
        assertThatThrownBy(() -> rebuilds.rebuild(" "))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_PROJECTION"));
        verify(tally, never()).shutDown();
    }

    @Test
    void aProcessorWhoseHandlersDoNotReplayIsNeverReset() {
        assertThatThrownBy(() -> rebuilds.rebuild("access-log"))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("PROJECTION_NOT_REBUILDABLE"));
        verify(accessLog, never()).shutDown();
        verify(accessLog, never()).resetTokens();
    }

    private TokenStore tokenStore(String node) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongo.client(), database)
                        .build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(node)
                .claimTimeout(Duration.ofMinutes(5))
                .build();
    }

    private static StreamingEventProcessor processor(boolean replays) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.supportsReset()).thenReturn(replays);
        return processor;
    }

    private static EventProcessingConfiguration processing(Map<String, EventProcessor> processors) {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(processors);
        return processing;
    }
}

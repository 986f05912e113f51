package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.insights.bench.CrossServiceLag;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Compliance's status, appended by another process (so this JVM's event store is not told of it), reaches insights'
 * member state within 1 s at the 95th percentile over 20 statuses, each appended once the previous one showed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossServiceLagIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @Autowired
    EventStorageEngine store;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    @Test
    void aStatusAppendedByAnotherServiceReachesTheMembersStateWithinOneSecond() {
        List<Long> lags = new CrossServiceLag(store, db).rounds(20, Duration.ZERO);

        Collections.sort(lags);
        assertThat(CrossServiceLag.percentileMillis(lags, 0.95))
                .as("lags (ns) %s", lags)
                .isLessThanOrEqualTo(1000.0);
    }
}

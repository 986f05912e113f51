package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Operation names become tags only while they are few: whatever clients send, the series stay bounded. */
class OperationTimerTest {

    private final OperationTimer timer = new OperationTimer(new SimpleMeterRegistry());

    @Test
    void namesAreKeptUpToTheLimitThenBucketed() {
        assertThat(timer.bucket(null)).isEqualTo("anonymous");
        assertThat(timer.bucket("")).isEqualTo("anonymous");
        assertThat(timer.bucket("x".repeat(OperationTimer.MAX_NAME_LENGTH + 1))).isEqualTo("other");
        for (int i = 0; i < OperationTimer.MAX_NAMES; i++) {
            assertThat(timer.bucket("Operation" + i)).isEqualTo("Operation" + i);
        }
        assertThat(timer.bucket("OneTooMany")).isEqualTo("other");
        assertThat(timer.bucket("Operation7"))
                .as("a name seen before keeps its series")
                .isEqualTo("Operation7");
    }
}

package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectionRebuildTimerTest {

    @Test
    void anOlderLayoutsTokenRowsAreNoProcessorToWaitForOrRebuild() {
        assertThat(ProjectionRebuildTimer.newestLayouts(Set.of(
                        "insights-rollups-v7",
                        "insights-rollups-v9",
                        "insights-rollups-v10",
                        "insights-digest-contacts",
                        "compliance-dashboard-v2")))
                .containsExactly("compliance-dashboard-v2", "insights-digest-contacts", "insights-rollups-v10");
    }
}

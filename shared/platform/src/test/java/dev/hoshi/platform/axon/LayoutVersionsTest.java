package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutVersionsTest {

    @Test
    void aVersionedGroupIsItsBaseNamePlusItsVersion() {
        assertThat(LayoutVersions.base("compliance-dashboard-v2")).isEqualTo("compliance-dashboard");
        assertThat(LayoutVersions.version("compliance-dashboard-v2")).isEqualTo(2);
        assertThat(LayoutVersions.base("insights-rollups-v12")).isEqualTo("insights-rollups");
        assertThat(LayoutVersions.version("insights-rollups-v12")).isEqualTo(12);
    }

    @Test
    void aNameWithoutAVersionIsItsOwnBaseAtVersionZero() {
        for (String name : new String[] {"directory-memberships", "-v3", "insights-v", "grants-v2a", "x-vv2"}) {
            assertThat(LayoutVersions.base(name)).as(name).isEqualTo(name);
            assertThat(LayoutVersions.version(name)).as(name).isZero();
        }
    }

    @Test
    void onlyTheLastVersionSuffixCounts() {
        assertThat(LayoutVersions.base("reports-v1-v3")).isEqualTo("reports-v1");
        assertThat(LayoutVersions.version("reports-v1-v3")).isEqualTo(3);
    }
}

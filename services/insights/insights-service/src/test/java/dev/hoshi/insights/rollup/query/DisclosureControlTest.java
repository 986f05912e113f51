package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which slices a figure is checked against: the wider ones for the complement, every related one for the change. */
class DisclosureControlTest {

    @Test
    void aSliceIsCheckedAgainstEachSliceWithFewerOfItsFilterValues() {
        assertThat(DisclosureControl.wider("s|E|SMALL|13"))
                .containsExactlyInAnyOrder(
                        "s|*|SMALL|13", "s|E|*|13", "s|*|*|13", "s|E|SMALL|*", "s|*|SMALL|*", "s|E|*|*", "s|*|*|*");
        assertThat(DisclosureControl.wider("s|E|*|*")).containsExactly("s|*|*|*");
        assertThat(DisclosureControl.wider("s|*|*|*")).isEmpty();
    }

    @Test
    void slicesAreRelatedWhenOneContainsTheOther() {
        assertThat(DisclosureControl.related("s|E|*|*", "s|*|*|*")).isTrue();
        assertThat(DisclosureControl.related("s|*|*|*", "s|E|SMALL|13")).isTrue();
        assertThat(DisclosureControl.related("s|E|*|*", "s|E|*|*")).isTrue();
        assertThat(DisclosureControl.related("s|E|*|*", "s|*|SMALL|*"))
                .as("overlapping, neither contains the other")
                .isFalse();
        assertThat(DisclosureControl.related("s|E|*|*", "s|G|*|*")).isFalse();
        assertThat(DisclosureControl.related("s|*|*|*", "t|*|*|*")).isFalse();
    }
}

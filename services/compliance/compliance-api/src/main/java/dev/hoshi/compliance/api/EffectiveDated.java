package dev.hoshi.compliance.api;

import java.time.LocalDate;

/**
 * A business fact with the date it took effect, as the user gave it (never in the future; possibly in the past: an
 * assessment done last month is recorded today). The event's own timestamp says when it was recorded.
 */
public interface EffectiveDated {

    LocalDate effectiveOn();
}

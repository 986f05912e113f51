package dev.hoshi.insights.rollup.subscription;

import dev.hoshi.directory.api.consent.ConsentScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an open subscription asks again before each message it sends: whether its subscriber is still an analyst of
 * the support organisation, and the widest scope the member grants that support organisation now. Answered from the
 * rollup projection's read model (point look-ups), so a removal or a revocation counts as soon as it is processed.
 */
public interface SubscriberAccess {

    /** Whether {@code user} is an analyst of {@code supportOrganization} now. */
    boolean isAnalyst(String supportOrganization, String user);

    /** The widest live scope {@code organization} grants {@code supportOrganization} now; empty when none. */
    Optional<ConsentScope> scope(String supportOrganization, String organization);

    /** The widest live scope {@code organization} grants the partner client {@code partner} now; empty when none. */
    default Optional<ConsentScope> partnerScope(String partner, String organization) {
        return Optional.empty();
    }

    /**
     * Every support organisation with analysts, and its analysts now (for the monthly digest; one read of them all).
     * None unless the implementation keeps analysts.
     */
    default Map<String, List<String>> analystsBySupportOrganization() {
        return Map.of();
    }
}

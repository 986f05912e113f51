package dev.hoshi.compliance.management.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
import dev.hoshi.compliance.api.management.ManagementQueries.KeyActionCheckView;
import dev.hoshi.compliance.facts.Facts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which of the management edition's key actions the executive has confirmed, by whom and since when: the latest
 * confirmation of each, folded one event at a time (a withdrawal removes it). The aggregate keeps one; {@code asOf}
 * questions fold one from the events effective up to that day.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class ManagementChecklistState {

    private final Map<String, KeyActionConfirmedEvent> confirmed = new TreeMap<>();

    public static ManagementChecklistState fold(List<?> events, LocalDate asOf) {
        ManagementChecklistState state = new ManagementChecklistState();
        Facts.effectiveBy(events, asOf).forEach(state::apply);
        return state;
    }

    public void apply(Object event) {
        if (event instanceof KeyActionConfirmedEvent e) {
            confirmed.put(e.actionId(), e);
        } else if (event instanceof KeyActionWithdrawnEvent e) {
            confirmed.remove(e.actionId());
        }
    }

    public boolean confirmed(String actionId) {
        return confirmed.containsKey(actionId);
    }

    /** Every key action of {@code edition}, in its order. */
    public List<KeyActionCheckView> checks(Edition edition) {
        return edition.keyActions().stream()
                .map(a -> {
                    KeyActionConfirmedEvent c = confirmed.get(a.id());
                    return c == null
                            ? new KeyActionCheckView(a.id(), false, null, null, null)
                            : new KeyActionCheckView(a.id(), true, c.confirmedBy(), c.effectiveOn(), c.note());
                })
                .toList();
    }
}

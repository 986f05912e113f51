package dev.hoshi.compliance.incident.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.IncidentResponse;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactRemovedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactSetEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentPhaseCompletedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentRecordedEvent;
import dev.hoshi.compliance.api.incident.IncidentQueries.ContactView;
import dev.hoshi.compliance.api.incident.IncidentQueries.IncidentReadinessView;
import dev.hoshi.compliance.api.incident.IncidentQueries.IncidentView;
import dev.hoshi.compliance.api.incident.IncidentQueries.PhaseView;
import dev.hoshi.compliance.facts.Facts;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organisation's incident readiness (付録8) and the one place its rules live: the contacts to notify, and each
 * incident (or drill) with the phase it is in and the phases it completed, when and with what report. A phase is
 * overdue when it is not completed by its due date (detection day + the catalog's days for it).
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class IncidentPlaybookState {

    /** The phase CLOSED stands for after the last. */
    public static final String CLOSED = "CLOSED";

    private final Map<String, IncidentContactSetEvent> contacts = new LinkedHashMap<>();
    private final Map<String, IncidentRecordedEvent> incidents = new LinkedHashMap<>();
    private final Map<String, List<IncidentPhaseCompletedEvent>> completed = new LinkedHashMap<>();
    private final Map<String, String> phase = new LinkedHashMap<>();

    public static IncidentPlaybookState fold(List<?> events, LocalDate asOf) {
        IncidentPlaybookState state = new IncidentPlaybookState();
        Facts.effectiveBy(events, asOf).forEach(state::apply);
        return state;
    }

    public void apply(Object event) {
        if (event instanceof IncidentContactSetEvent e) {
            contacts.put(e.contactId(), e);
        } else if (event instanceof IncidentContactRemovedEvent e) {
            contacts.remove(e.contactId());
        } else if (event instanceof IncidentRecordedEvent e) {
            incidents.put(e.incidentId(), e);
            phase.put(e.incidentId(), e.phase());
            completed.put(e.incidentId(), new ArrayList<>());
        } else if (event instanceof IncidentPhaseCompletedEvent e) {
            completed.computeIfAbsent(e.incidentId(), i -> new ArrayList<>()).add(e);
            phase.put(e.incidentId(), e.nextPhase() == null ? CLOSED : e.nextPhase());
        }
    }

    public boolean hasContact(String contactId) {
        return contacts.containsKey(contactId);
    }

    public boolean hasIncident(String incidentId) {
        return incidents.containsKey(incidentId);
    }

    /** The phase the incident is in, or {@link #CLOSED}. */
    public String phaseOf(String incidentId) {
        return phase.get(incidentId);
    }

    public IncidentRecordedEvent incident(String incidentId) {
        return incidents.get(incidentId);
    }

    /** Readiness on {@code asOf} under the catalog's playbook. */
    public IncidentReadinessView view(String organizationId, LocalDate asOf, IncidentResponse playbook) {
        List<ContactView> contactViews = contacts.values().stream()
                .map(c -> new ContactView(c.contactId(), c.kind(), c.name(), c.phone(), c.email(), c.note()))
                .toList();
        List<IncidentView> incidentViews = new ArrayList<>();
        int overdue = 0;
        LocalDate lastDrill = null;
        for (IncidentRecordedEvent incident : incidents.values()) {
            LocalDate detectedOn =
                    incident.detectedAt().atZone(BusinessTime.ZONE).toLocalDate();
            if (incident.drill() && (lastDrill == null || detectedOn.isAfter(lastDrill))) {
                lastDrill = detectedOn;
            }
            List<PhaseView> phases = new ArrayList<>();
            for (IncidentResponse.Phase p : playbook.phases()) {
                IncidentPhaseCompletedEvent done = completed.get(incident.incidentId()).stream()
                        .filter(c -> c.phase().equals(p.code()))
                        .findFirst()
                        .orElse(null);
                LocalDate dueOn = detectedOn.plusDays(p.dueDays());
                boolean late = done == null && asOf.isAfter(dueOn);
                if (late) {
                    overdue++;
                }
                phases.add(new PhaseView(
                        p.code(), dueOn, done == null ? null : done.at(), done == null ? null : done.report(), late));
            }
            incidentViews.add(new IncidentView(
                    incident.incidentId(),
                    incident.title(),
                    incident.drill(),
                    incident.detectedAt(),
                    phase.get(incident.incidentId()),
                    phases));
        }
        return new IncidentReadinessView(organizationId, asOf, contactViews, incidentViews, overdue, lastDrill);
    }
}

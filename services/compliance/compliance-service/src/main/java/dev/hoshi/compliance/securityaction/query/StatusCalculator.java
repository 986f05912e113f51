package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * History questions, answered by folding an organisation's events as things stood on a date with the same rules the
 * aggregate uses ({@link SecurityActionState#statusOn}). Only {@code asOf}, the sheet list and a dashboard not yet
 * published come here; the current dashboard is a stored document. Pure: no I/O.
 */
final class StatusCalculator {

    private StatusCalculator() {}

    static ComplianceStatusView status(
            TenantId tenant, List<?> securityAction, List<?> controlPlan, LocalDate asOf, Edition edition) {
        SecurityActionState state =
                SecurityActionState.fold(securityAction, asOf, SecurityActionState.Rules.of(edition));
        return ComplianceStatusView.of(tenant, asOf, state.statusOn(asOf), controls(controlPlan, asOf, edition));
    }

    /** Every sheet, newest first (which sheet corrects which needs no edition's rules). */
    static List<AssessmentView> assessments(List<?> securityAction) {
        SecurityActionState state = SecurityActionState.fold(securityAction, LocalDate.MAX, null);
        List<AssessmentView> all = new ArrayList<>();
        for (Object event : securityAction) {
            if (event instanceof SelfAssessmentSubmittedEvent e) {
                all.add(new AssessmentView(
                        e.assessmentId().toString(),
                        e.edition(),
                        e.unit(),
                        e.effectiveOn(),
                        e.score(),
                        e.band(),
                        e.partScores(),
                        e.answers(),
                        e.followUps(),
                        e.supersedes() == null ? null : e.supersedes().toString(),
                        state.superseded(e.assessmentId())));
            }
        }
        all.sort((a, b) -> b.completedOn().compareTo(a.completedOn()));
        return all;
    }

    /** The latest update of each catalog control effective by the date; controls never touched read NOT_STARTED. */
    static List<ControlView> controls(List<?> controlPlan, LocalDate asOf, Edition edition) {
        Map<String, ControlView> latest = new LinkedHashMap<>();
        edition.controlChapters().forEach(ch -> ch.controls().forEach(c -> latest.put(c.id(), null)));
        for (Object event : controlPlan) {
            if (event instanceof ControlStatusUpdatedEvent e && !e.effectiveOn().isAfter(asOf)) {
                ControlView was = latest.get(e.controlId());
                if (was == null || !was.effectiveOn().isAfter(e.effectiveOn())) {
                    latest.put(e.controlId(), ControlView.of(e));
                }
            }
        }
        List<ControlView> views = new ArrayList<>();
        latest.forEach((id, view) -> views.add(view != null ? view : ControlView.notStarted(id)));
        return views;
    }
}

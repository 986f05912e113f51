package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.PolicyView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ReviewView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Folds an organisation's events into its dashboard as things stood on a date. Pure: no I/O. */
final class StatusCalculator {

    private StatusCalculator() {}

    static ComplianceStatusView status(
            TenantId tenant, List<?> securityAction, List<?> controlPlan, LocalDate asOf, Edition edition) {
        SecurityActionState state = SecurityActionState.fold(securityAction, asOf);
        SecurityActionLevel eligible = state.eligibleLevelOn(asOf);
        List<String> missing =
                switch (state.level()) {
                    case NONE ->
                        state.oneStarEligibleOn(asOf)
                                ? List.of("DECLARATION")
                                : state.articlesNotCommittedBy(asOf).stream()
                                        .map(a -> "ARTICLE_" + a)
                                        .toList();
                    case ONE_STAR ->
                        state.missingForTwoStars(asOf).isEmpty()
                                ? List.of("DECLARATION")
                                : state.missingForTwoStars(asOf).stream()
                                        .map(Enum::name)
                                        .toList();
                    case TWO_STARS -> List.of();
                };
        List<ReviewView> reviews = new ArrayList<>();
        for (ReviewKind kind : ReviewKind.values()) {
            state.dueOn(kind).ifPresent(due -> reviews.add(new ReviewView(kind, due, asOf.isAfter(due))));
        }
        AssessmentView latest = state.latestAssessmentBy(asOf)
                .map(a -> assessment(submitted(securityAction, a.id().toString()), state))
                .orElse(null);
        return new ComplianceStatusView(
                tenant.toString(),
                asOf,
                state.level(),
                state.declarationId().orElse(null),
                state.declaredOn().orElse(null),
                eligible,
                missing,
                state.committedArticles().entrySet().stream()
                        .filter(e -> !e.getValue().isAfter(asOf))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList(),
                latest,
                new PolicyView(
                        state.policyAdoptedOn(asOf),
                        state.policyPublishedOn(asOf),
                        state.policyPublishedOn(asOf) ? state.policyUrl().orElse(null) : null),
                reviews,
                controls(controlPlan, asOf, edition));
    }

    /** Every sheet, newest first. */
    static List<AssessmentView> assessments(List<?> securityAction) {
        SecurityActionState state = SecurityActionState.fold(securityAction, LocalDate.MAX);
        List<AssessmentView> all = new ArrayList<>();
        for (Object event : securityAction) {
            if (event instanceof SelfAssessmentSubmittedEvent e) {
                all.add(assessment(e, state));
            }
        }
        all.sort((a, b) -> b.completedOn().compareTo(a.completedOn()));
        return all;
    }

    private static SelfAssessmentSubmittedEvent submitted(List<?> events, String id) {
        return events.stream()
                .filter(SelfAssessmentSubmittedEvent.class::isInstance)
                .map(SelfAssessmentSubmittedEvent.class::cast)
                .filter(e -> e.assessmentId().toString().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static AssessmentView assessment(SelfAssessmentSubmittedEvent e, SecurityActionState state) {
        Set<String> superseded = new HashSet<>();
        state.assessments().forEach(a -> {
            if (a.supersedes() != null) {
                superseded.add(a.supersedes().toString());
            }
        });
        return new AssessmentView(
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
                superseded.contains(e.assessmentId().toString()));
    }

    /** The latest status of each catalog control as of the date; controls never touched read NOT_STARTED. */
    private static List<ControlView> controls(List<?> controlPlan, LocalDate asOf, Edition edition) {
        Map<String, ControlView> latest = new LinkedHashMap<>();
        edition.controlChapters().forEach(ch -> ch.controls().forEach(c -> latest.put(c.id(), null)));
        List<ControlStatusUpdatedEvent> updates = new ArrayList<>();
        for (Object event : controlPlan) {
            if (event instanceof ControlStatusUpdatedEvent e && !e.effectiveOn().isAfter(asOf)) {
                updates.add(e);
            }
        }
        updates.sort((a, b) -> a.effectiveOn().compareTo(b.effectiveOn()));
        for (ControlStatusUpdatedEvent e : updates) {
            latest.put(
                    e.controlId(),
                    new ControlView(
                            e.controlId(),
                            e.status(),
                            e.owner() == null ? null : e.owner().toString(),
                            e.dueOn(),
                            e.evidenceUrl(),
                            e.evidenceNote(),
                            e.justification(),
                            e.effectiveOn()));
        }
        List<ControlView> views = new ArrayList<>();
        latest.forEach((id, view) -> views.add(
                view != null
                        ? view
                        : new ControlView(
                                id,
                                dev.hoshi.compliance.api.control.ControlStatus.NOT_STARTED,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)));
        return views;
    }
}

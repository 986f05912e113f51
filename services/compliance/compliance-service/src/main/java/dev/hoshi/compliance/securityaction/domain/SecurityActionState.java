package dev.hoshi.compliance.securityaction.domain;

import dev.hoshi.compliance.api.EffectiveDated;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyAdoptedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyPublishedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCadenceSetEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewOverdueEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SecurityActionLevelLapsedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where an organisation stands on its way to ★ and ★★, folded from its events. The aggregate keeps one to decide
 * commands; queries fold one from the events effective up to a date to answer {@code asOf}. Every rule that depends
 * on time takes the date it is asked about.
 */
public final class SecurityActionState {

    /** The 5 articles' ids, as in the catalog. */
    public static final List<String> ARTICLES = List.of("A1", "A2", "A3", "A4", "A5");

    /** What ★★ needs; named in errors and in "what is missing for the next star". */
    public enum Requirement {
        FIVE_ARTICLES,
        SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD,
        POLICY_ADOPTED,
        POLICY_PUBLISHED
    }

    /** A submitted sheet, as far as the rules need it. */
    public record Assessment(
            AssessmentId id,
            String edition,
            String unit,
            Map<String, String> answers,
            int score,
            String band,
            AssessmentId supersedes,
            LocalDate completedOn) {
        public boolean organizationWide() {
            return unit == null;
        }
    }

    private final Map<String, LocalDate> articles = new TreeMap<>();
    private final Map<AssessmentId, Assessment> assessments = new LinkedHashMap<>();
    private final Set<AssessmentId> superseded = new HashSet<>();
    private final Map<ReviewKind, LocalDate> lastReview = new EnumMap<>(ReviewKind.class);
    private final Map<ReviewKind, LocalDate> overdueMarkedFor = new EnumMap<>(ReviewKind.class);
    private LocalDate policyAdoptedOn;
    private LocalDate policyPublishedOn;
    private String policyUrl;
    private LocalDate policyWithdrawnOn;
    private SecurityActionLevel level = SecurityActionLevel.NONE;
    private String declarationId;
    private LocalDate declaredOn;
    private int reviewMonths = 12;

    // ------------------------------------------------------------------ folding

    /**
     * The state as things stood on {@code asOf}: the events effective on or before it, in order of effective date
     * (recording order among the same date), so a backdated fact takes its place in history.
     */
    public static SecurityActionState fold(List<?> events, LocalDate asOf) {
        List<EffectiveDated> dated = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof EffectiveDated e && !e.effectiveOn().isAfter(asOf)) {
                dated.add(e);
            }
        }
        dated.sort(Comparator.comparing(EffectiveDated::effectiveOn)); // stable: keeps recording order
        SecurityActionState state = new SecurityActionState();
        dated.forEach(state::apply);
        return state;
    }

    /** Applies one event; events of other kinds are ignored. */
    public void apply(Object event) {
        if (event instanceof FiveArticlesCommittedEvent e) {
            e.articles().forEach(a -> articles.merge(a, e.effectiveOn(), (was, now) -> was.isBefore(now) ? was : now));
        } else if (event instanceof SelfAssessmentSubmittedEvent e) {
            assessments.put(
                    e.assessmentId(),
                    new Assessment(
                            e.assessmentId(),
                            e.edition(),
                            e.unit(),
                            e.answers(),
                            e.score(),
                            e.band(),
                            e.supersedes(),
                            e.effectiveOn()));
            if (e.supersedes() != null) {
                superseded.add(e.supersedes());
            }
            if (e.unit() == null) {
                lastReview.merge(ReviewKind.SELF_ASSESSMENT, e.effectiveOn(), SecurityActionState::later);
            }
        } else if (event instanceof BasicPolicyAdoptedEvent e) {
            policyAdoptedOn = e.effectiveOn();
            policyWithdrawnOn = null;
            policyPublishedOn = null;
            policyUrl = null;
            lastReview.merge(ReviewKind.BASIC_POLICY, e.effectiveOn(), SecurityActionState::later);
        } else if (event instanceof BasicPolicyPublishedEvent e) {
            policyPublishedOn = e.effectiveOn();
            policyUrl = e.publicUrl();
        } else if (event instanceof BasicPolicyWithdrawnEvent e) {
            policyWithdrawnOn = e.effectiveOn();
        } else if (event instanceof DeclarationRecordedEvent e) {
            level = e.level();
            declarationId = e.declarationId();
            declaredOn = e.effectiveOn();
        } else if (event instanceof SecurityActionLevelLapsedEvent e) {
            level = e.to();
        } else if (event instanceof ReviewCompletedEvent e) {
            lastReview.merge(e.kind(), e.effectiveOn(), SecurityActionState::later);
        } else if (event instanceof ReviewOverdueEvent e) {
            overdueMarkedFor.put(e.kind(), e.dueOn());
        } else if (event instanceof ReviewCadenceSetEvent e) {
            reviewMonths = e.months();
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    // ------------------------------------------------------------------ rules

    public List<String> articlesNotCommittedBy(LocalDate date) {
        return ARTICLES.stream()
                .filter(a -> !articles.containsKey(a) || articles.get(a).isAfter(date))
                .toList();
    }

    /** ★ is eligible once all 5 articles are committed. */
    public boolean oneStarEligibleOn(LocalDate date) {
        return articlesNotCommittedBy(date).isEmpty();
    }

    /** The newest organisation-wide sheet completed by {@code date} that no other corrects. */
    public Optional<Assessment> latestAssessmentBy(LocalDate date) {
        return assessments.values().stream()
                .filter(Assessment::organizationWide)
                .filter(a -> !superseded.contains(a.id()))
                .filter(a -> !a.completedOn().isAfter(date))
                .max(Comparator.comparing(Assessment::completedOn));
    }

    public boolean assessmentValidOn(LocalDate date) {
        return latestAssessmentBy(date)
                .map(a -> !a.completedOn().plusMonths(reviewMonths).isBefore(date))
                .orElse(false);
    }

    public boolean policyAdoptedOn(LocalDate date) {
        return policyAdoptedOn != null
                && !policyAdoptedOn.isAfter(date)
                && (policyWithdrawnOn == null || policyWithdrawnOn.isAfter(date));
    }

    public boolean policyPublishedOn(LocalDate date) {
        return policyAdoptedOn(date) && policyPublishedOn != null && !policyPublishedOn.isAfter(date);
    }

    /** What ★★ still lacks on {@code date}; empty when it is eligible. */
    public List<Requirement> missingForTwoStars(LocalDate date) {
        List<Requirement> missing = new ArrayList<>();
        if (!oneStarEligibleOn(date)) {
            missing.add(Requirement.FIVE_ARTICLES);
        }
        if (!assessmentValidOn(date)) {
            missing.add(Requirement.SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD);
        }
        if (!policyAdoptedOn(date)) {
            missing.add(Requirement.POLICY_ADOPTED);
        }
        if (!policyPublishedOn(date)) {
            missing.add(Requirement.POLICY_PUBLISHED);
        }
        return missing;
    }

    public SecurityActionLevel eligibleLevelOn(LocalDate date) {
        if (missingForTwoStars(date).isEmpty()) {
            return SecurityActionLevel.TWO_STARS;
        }
        return oneStarEligibleOn(date) ? SecurityActionLevel.ONE_STAR : SecurityActionLevel.NONE;
    }

    /** When the next review of {@code kind} falls due; empty until there is something to review. */
    public Optional<LocalDate> dueOn(ReviewKind kind) {
        return Optional.ofNullable(lastReview.get(kind)).map(d -> d.plusMonths(reviewMonths));
    }

    /** The due date an overdue mark was last made for, so a review is marked overdue once per due date. */
    public Optional<LocalDate> overdueMarkedFor(ReviewKind kind) {
        return Optional.ofNullable(overdueMarkedFor.get(kind));
    }

    // ------------------------------------------------------------------ facts

    public SecurityActionLevel level() {
        return level;
    }

    public Optional<String> declarationId() {
        return Optional.ofNullable(declarationId);
    }

    public Optional<LocalDate> declaredOn() {
        return Optional.ofNullable(declaredOn);
    }

    public Optional<Assessment> assessment(AssessmentId id) {
        return Optional.ofNullable(assessments.get(id));
    }

    public List<Assessment> assessments() {
        return List.copyOf(assessments.values());
    }

    public Optional<String> policyUrl() {
        return Optional.ofNullable(policyUrl);
    }

    public int reviewMonths() {
        return reviewMonths;
    }

    public Map<String, LocalDate> committedArticles() {
        return Map.copyOf(articles);
    }
}

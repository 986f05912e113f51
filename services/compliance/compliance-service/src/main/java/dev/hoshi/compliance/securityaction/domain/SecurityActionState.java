package dev.hoshi.compliance.securityaction.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyAdoptedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyPublishedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationStoppedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCadenceSetEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewOverdueEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.LatestAssessment;
import dev.hoshi.compliance.api.status.SecurityActionStatus.Policy;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.compliance.facts.Facts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where an organisation stands on its way to ★ and ★★, and the one place its rules live. It keeps only what the
 * rules need, each event folded in once: the earliest commitment to each article, the sheets, and the few dated
 * changes of the policy and the declaration in order of the day they took effect, so a backdated fact takes its
 * place in history without refolding anything. Every rule takes the date it is asked about.
 *
 * <p>The aggregate keeps one (and snapshots it: every field round-trips through Jackson); {@code asOf} questions fold
 * one from the events effective up to that day. {@link #statusOn} is the conclusion compliance publishes.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class SecurityActionState {

    /** What ★★ needs; named in errors and in "what is missing for the next star". */
    public enum Requirement {
        FIVE_ARTICLES,
        SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD,
        POLICY_ADOPTED,
        POLICY_PUBLISHED
    }

    /**
     * The edition's rules, read from the catalog's {@code fiveArticles}, {@code levels} and {@code reviews} blocks:
     * the articles ★ needs, what ★★ needs, and the default review periods (an organisation's own cadence overrides
     * both). Whoever folds supplies them.
     */
    public record Rules(List<String> articles, List<Requirement> twoStars, int selfAssessmentMonths, int policyMonths) {

        public static Rules of(Edition edition) {
            List<String> articles =
                    edition.level("ONE_STAR").requiresAllFiveArticles() ? edition.articleIds() : List.of();
            List<Requirement> twoStars = edition.level("TWO_STARS").requires().stream()
                    .map(r -> r.equals("ONE_STAR") ? Requirement.FIVE_ARTICLES : Requirement.valueOf(r))
                    .toList();
            return new Rules(
                    articles,
                    twoStars,
                    edition.reviews().selfAssessmentMonths(),
                    edition.reviews().policyMonths());
        }
    }

    /**
     * A submitted sheet, as far as the rules and the status need it. Its answers are written compactly, one character
     * per item in its edition's item order (see {@link #answersOf}), so that a record with hundreds of sheets still
     * snapshots small.
     */
    public record Sheet(
            AssessmentId id,
            String edition,
            String unit,
            String answers,
            int score,
            Map<Integer, Integer> partScores,
            String band,
            List<String> followUps,
            AssessmentId supersedes,
            LocalDate completedOn) {

        public boolean organizationWide() {
            return unit == null;
        }
    }

    /** A change to the basic policy on a day. */
    record PolicyChange(Kind kind, String publicUrl, LocalDate on) {
        enum Kind {
            ADOPTED,
            PUBLISHED,
            WITHDRAWN
        }
    }

    /** The declaration as recorded from a day on: a level and IPA's ID, or NONE after a stop. */
    public record Declaration(SecurityActionLevel level, String declarationId, LocalDate on) {}

    /** The policy as it stood on a day. */
    private record PolicyOn(LocalDate adoptedOn, LocalDate publishedOn, String publicUrl, LocalDate withdrawnOn) {

        boolean adopted() {
            return adoptedOn != null && withdrawnOn == null;
        }

        boolean published() {
            return adopted() && publishedOn != null;
        }
    }

    private final Map<String, LocalDate> articles = new TreeMap<>();
    /** Each edition's item ids, in the order sheets' answers are written. */
    private final Map<String, List<String>> itemsByEdition = new LinkedHashMap<>();
    /** The answers seen (DONE, PARTLY, ...), each written as the character {@code '0' + its index}. */
    private final List<String> answerValues = new ArrayList<>();

    private final Map<String, Sheet> sheets = new LinkedHashMap<>();
    private final LinkedHashSet<AssessmentId> superseded = new LinkedHashSet<>();
    private final List<PolicyChange> policy = new ArrayList<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final Map<ReviewKind, LocalDate> lastReview = new EnumMap<>(ReviewKind.class);
    private final Map<ReviewKind, LocalDate> overdueMarkedFor = new EnumMap<>(ReviewKind.class);
    /** The organisation's own cadence, when it set one; the edition's review periods otherwise. */
    private Integer reviewMonths;

    /** The rules last set; a snapshot carries them, and every command and folded event sets them afresh. */
    private Rules rules;

    /** An empty state; {@link #rules(Rules)} before asking it anything. */
    public SecurityActionState() {}

    public SecurityActionState(Rules rules) {
        this.rules = rules;
    }

    /** Sets the rules the questions are answered by (the current edition's); the folded facts stay as they are. */
    public SecurityActionState rules(Rules rules) {
        this.rules = rules;
        return this;
    }

    private Rules rules() {
        if (rules == null) {
            throw new IllegalStateException("no rules: set the edition's rules before asking");
        }
        return rules;
    }

    // ------------------------------------------------------------------ folding

    /** The state as things stood on {@code asOf}: the events effective on or before it. */
    public static SecurityActionState fold(List<?> events, LocalDate asOf, Rules rules) {
        SecurityActionState state = new SecurityActionState(rules);
        Facts.effectiveBy(events, asOf).forEach(state::apply);
        return state;
    }

    /**
     * Folds one event in; events of other kinds (the published status, and the level lapses earlier versions wrote,
     * which lowered the declared level) are ignored.
     */
    public void apply(Object event) {
        if (event instanceof FiveArticlesCommittedEvent e) {
            e.articles().forEach(a -> articles.merge(a, e.effectiveOn(), SecurityActionState::earlier));
        } else if (event instanceof SelfAssessmentSubmittedEvent e) {
            sheets.put(
                    e.assessmentId().toString(),
                    new Sheet(
                            e.assessmentId(),
                            e.edition(),
                            e.unit(),
                            encode(e.edition(), e.answers()),
                            e.score(),
                            e.partScores(),
                            e.band(),
                            e.followUps(),
                            e.supersedes(),
                            e.effectiveOn()));
            if (e.supersedes() != null) {
                superseded.add(e.supersedes());
            }
            if (e.unit() == null) {
                lastReview.merge(ReviewKind.SELF_ASSESSMENT, e.effectiveOn(), SecurityActionState::later);
            }
        } else if (event instanceof BasicPolicyAdoptedEvent e) {
            insertByDate(policy, new PolicyChange(PolicyChange.Kind.ADOPTED, null, e.effectiveOn()), PolicyChange::on);
            lastReview.merge(ReviewKind.BASIC_POLICY, e.effectiveOn(), SecurityActionState::later);
        } else if (event instanceof BasicPolicyPublishedEvent e) {
            insertByDate(
                    policy,
                    new PolicyChange(PolicyChange.Kind.PUBLISHED, e.publicUrl(), e.effectiveOn()),
                    PolicyChange::on);
        } else if (event instanceof BasicPolicyWithdrawnEvent e) {
            insertByDate(
                    policy, new PolicyChange(PolicyChange.Kind.WITHDRAWN, null, e.effectiveOn()), PolicyChange::on);
        } else if (event instanceof DeclarationRecordedEvent e) {
            insertByDate(declarations, new Declaration(e.level(), e.declarationId(), e.effectiveOn()), Declaration::on);
        } else if (event instanceof DeclarationStoppedEvent e) {
            insertByDate(
                    declarations, new Declaration(SecurityActionLevel.NONE, null, e.effectiveOn()), Declaration::on);
        } else if (event instanceof ReviewCompletedEvent e) {
            lastReview.merge(e.kind(), e.effectiveOn(), SecurityActionState::later);
        } else if (event instanceof ReviewOverdueEvent e) {
            overdueMarkedFor.merge(e.kind(), e.dueOn(), SecurityActionState::later);
        } else if (event instanceof ReviewCadenceSetEvent e) {
            reviewMonths = e.months();
        }
    }

    private String encode(String edition, Map<String, String> answers) {
        List<String> items = itemsByEdition.computeIfAbsent(edition, e -> new ArrayList<>());
        answers.keySet().stream()
                .filter(item -> !items.contains(item))
                .sorted(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()))
                .forEach(items::add);
        StringBuilder written = new StringBuilder(items.size());
        for (String item : items) {
            String answer = answers.get(item);
            if (answer == null) {
                written.append(UNANSWERED);
                continue;
            }
            int index = answerValues.indexOf(answer);
            if (index < 0) {
                answerValues.add(answer);
                index = answerValues.size() - 1;
            }
            written.append((char) ('0' + index));
        }
        return written.toString();
    }

    private static final char UNANSWERED = '-';

    /** A sheet's answers, item id to answer, as it was submitted. */
    public Map<String, String> answersOf(Sheet sheet) {
        List<String> items = itemsByEdition.getOrDefault(sheet.edition(), List.of());
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < sheet.answers().length(); i++) {
            char written = sheet.answers().charAt(i);
            if (written != UNANSWERED) {
                answers.put(items.get(i), answerValues.get(written - '0'));
            }
        }
        return answers;
    }

    /** Inserts after every entry of the same day or earlier: day order, and recording order within a day. */
    private static <T> void insertByDate(List<T> list, T entry, Function<T, LocalDate> day) {
        int at = list.size();
        while (at > 0 && day.apply(list.get(at - 1)).isAfter(day.apply(entry))) {
            at--;
        }
        list.add(at, entry);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    // ------------------------------------------------------------------ rules

    public List<String> articlesNotCommittedBy(LocalDate date) {
        return rules().articles().stream()
                .filter(a -> !articles.containsKey(a) || articles.get(a).isAfter(date))
                .toList();
    }

    /** ★ is eligible once all 5 articles are committed. */
    public boolean oneStarEligibleOn(LocalDate date) {
        return articlesNotCommittedBy(date).isEmpty();
    }

    /**
     * The newest organisation-wide sheet completed by {@code date} that no other corrects; of sheets completed the same
     * day, the one recorded last.
     */
    public Optional<Sheet> latestAssessmentBy(LocalDate date) {
        Sheet latest = null;
        for (Sheet sheet : sheets.values()) {
            if (sheet.organizationWide()
                    && !superseded.contains(sheet.id())
                    && !sheet.completedOn().isAfter(date)
                    && (latest == null || !sheet.completedOn().isBefore(latest.completedOn()))) {
                latest = sheet;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Whether the latest sheet by {@code date} is within the review period on that day. */
    public boolean assessmentValidOn(LocalDate date) {
        return latestAssessmentBy(date).map(s -> date.isBefore(expiresAfter(s))).orElse(false);
    }

    /** The first day a sheet no longer holds ★★ up. */
    private LocalDate expiresAfter(Sheet sheet) {
        return sheet.completedOn()
                .plusMonths(reviewMonths(ReviewKind.SELF_ASSESSMENT))
                .plusDays(1);
    }

    public boolean policyAdoptedOn(LocalDate date) {
        return policyOn(date).adopted();
    }

    public boolean policyPublishedOn(LocalDate date) {
        return policyOn(date).published();
    }

    /** Adopting again starts a new policy: in force, not yet published. */
    private PolicyOn policyOn(LocalDate date) {
        PolicyOn now = new PolicyOn(null, null, null, null);
        for (PolicyChange change : policy) {
            if (change.on().isAfter(date)) {
                break;
            }
            now = switch (change.kind()) {
                case ADOPTED -> new PolicyOn(change.on(), null, null, null);
                case PUBLISHED ->
                    now.adopted() ? new PolicyOn(now.adoptedOn(), change.on(), change.publicUrl(), null) : now;
                case WITHDRAWN -> now.adopted() ? new PolicyOn(now.adoptedOn(), null, null, change.on()) : now;
            };
        }
        return now;
    }

    /** What ★★ still lacks on {@code date}; empty when it is eligible. */
    public List<Requirement> missingForTwoStars(LocalDate date) {
        List<Requirement> missing = new ArrayList<>();
        for (Requirement requirement : rules().twoStars()) {
            boolean holds =
                    switch (requirement) {
                        case FIVE_ARTICLES -> oneStarEligibleOn(date);
                        case SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD -> assessmentValidOn(date);
                        case POLICY_ADOPTED -> policyAdoptedOn(date);
                        case POLICY_PUBLISHED -> policyPublishedOn(date);
                    };
            if (!holds) {
                missing.add(requirement);
            }
        }
        return missing;
    }

    public SecurityActionLevel eligibleLevelOn(LocalDate date) {
        if (missingForTwoStars(date).isEmpty()) {
            return SecurityActionLevel.TWO_STARS;
        }
        return oneStarEligibleOn(date) ? SecurityActionLevel.ONE_STAR : SecurityActionLevel.NONE;
    }

    /** The declaration in force on {@code date}; empty when nothing is declared (never, or stopped). */
    public Optional<Declaration> declarationOn(LocalDate date) {
        Declaration found = null;
        for (Declaration d : declarations) {
            if (d.on().isAfter(date)) {
                break;
            }
            found = d;
        }
        return Optional.ofNullable(found).filter(d -> d.level() != SecurityActionLevel.NONE);
    }

    /** When the next review of {@code kind} falls due; empty until there is something to review. */
    public Optional<LocalDate> dueOn(ReviewKind kind) {
        return Optional.ofNullable(lastReview.get(kind)).map(d -> d.plusMonths(reviewMonths(kind)));
    }

    /** The due date an overdue mark was last made for, so a review is marked overdue once per due date. */
    public Optional<LocalDate> overdueMarkedFor(ReviewKind kind) {
        return Optional.ofNullable(overdueMarkedFor.get(kind));
    }

    /**
     * Compliance's conclusion on {@code date}: the declared level (changed only by a declaration, a change or a
     * stop), Hoshi's standing of it (do its prerequisites still hold?), the eligible level, what is missing, the
     * latest sheet, the policy and the reviews. The status event carries this; nobody derives it elsewhere.
     */
    public SecurityActionStatus statusOn(LocalDate date) {
        Optional<Declaration> declaration = declarationOn(date);
        SecurityActionLevel declared = declaration.map(Declaration::level).orElse(SecurityActionLevel.NONE);
        Optional<Lapse> lapse = declaration.flatMap(d -> lapseOn(d, date));
        PolicyOn policyNow = policyOn(date);
        List<ReviewDue> reviews = new ArrayList<>();
        for (ReviewKind kind : ReviewKind.values()) {
            dueOn(kind).ifPresent(due -> reviews.add(new ReviewDue(kind, due, date.isAfter(due))));
        }
        return new SecurityActionStatus(
                declared,
                declaration.map(Declaration::declarationId).orElse(null),
                declaration.map(Declaration::on).orElse(null),
                declaration.isEmpty()
                        ? Standing.NOT_DECLARED
                        : lapse.isPresent() ? Standing.PREREQUISITES_LAPSED : Standing.GOOD,
                lapse.map(Lapse::reason).orElse(null),
                lapse.map(Lapse::on).orElse(null),
                eligibleLevelOn(date),
                missingForNextStar(declared, date),
                rules().articles().stream()
                        .filter(a -> articles.containsKey(a) && !articles.get(a).isAfter(date))
                        .toList(),
                latestAssessmentBy(date).map(this::latest).orElse(null),
                new Policy(
                        policyNow.adopted(),
                        policyNow.published(),
                        policyNow.published() ? policyNow.publicUrl() : null),
                reviews,
                reviewMonths(ReviewKind.SELF_ASSESSMENT));
    }

    private record Lapse(LapseReason reason, LocalDate on) {}

    /** Why the declared level's prerequisites no longer hold on {@code date}, and since when; empty while they hold. */
    private Optional<Lapse> lapseOn(Declaration declaration, LocalDate date) {
        if (declaration.level() == SecurityActionLevel.ONE_STAR) {
            return Optional.empty(); // ★ rests on the 5 articles, and a commitment is never taken back
        }
        PolicyOn policyNow = policyOn(date);
        Lapse lapse;
        if (!policyNow.adopted()) {
            lapse = new Lapse(
                    LapseReason.POLICY_WITHDRAWN,
                    policyNow.withdrawnOn() == null ? declaration.on() : policyNow.withdrawnOn());
        } else if (!policyNow.published()) {
            lapse = new Lapse(LapseReason.POLICY_NOT_PUBLISHED, policyNow.adoptedOn());
        } else if (!assessmentValidOn(date)) {
            lapse = new Lapse(
                    LapseReason.ASSESSMENT_EXPIRED,
                    latestAssessmentBy(date).map(this::expiresAfter).orElse(declaration.on()));
        } else {
            return Optional.empty();
        }
        return Optional.of(lapse.on().isBefore(declaration.on()) ? new Lapse(lapse.reason(), declaration.on()) : lapse);
    }

    /**
     * What stands between the organisation and the next star: the articles not committed, then the declaration;
     * from ★ on, ★★'s requirements, then the declaration; at ★★, what its standing lacks (nothing in good standing).
     */
    private List<String> missingForNextStar(SecurityActionLevel declared, LocalDate date) {
        return switch (declared) {
            case NONE ->
                oneStarEligibleOn(date)
                        ? List.of("DECLARATION")
                        : articlesNotCommittedBy(date).stream()
                                .map(a -> "ARTICLE_" + a)
                                .toList();
            case ONE_STAR ->
                missingForTwoStars(date).isEmpty()
                        ? List.of("DECLARATION")
                        : missingForTwoStars(date).stream().map(Enum::name).toList();
            case TWO_STARS -> missingForTwoStars(date).stream().map(Enum::name).toList();
        };
    }

    private LatestAssessment latest(Sheet sheet) {
        return new LatestAssessment(
                sheet.id().toString(),
                sheet.edition(),
                sheet.completedOn(),
                sheet.score(),
                sheet.partScores(),
                sheet.band(),
                answersOf(sheet),
                sheet.followUps(),
                sheet.supersedes() == null ? null : sheet.supersedes().toString());
    }

    // ------------------------------------------------------------------ facts

    public Optional<Sheet> assessment(AssessmentId id) {
        return Optional.ofNullable(sheets.get(id.toString()));
    }

    /** Whether another sheet corrects this one. */
    public boolean superseded(AssessmentId id) {
        return superseded.contains(id);
    }

    /** Months between reviews of {@code kind}: the organisation's cadence, or the edition's period. */
    public int reviewMonths(ReviewKind kind) {
        if (reviewMonths != null) {
            return reviewMonths;
        }
        return kind == ReviewKind.BASIC_POLICY ? rules().policyMonths() : rules().selfAssessmentMonths();
    }
}

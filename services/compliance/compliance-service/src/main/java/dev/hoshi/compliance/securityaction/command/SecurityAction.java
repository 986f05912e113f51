package dev.hoshi.compliance.securityaction.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.catalog.Scoring;
import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.AdoptBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CheckDueDatesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CombineUnitAssessmentsCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CompleteReviewCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.PublishBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.RecordDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SetReviewCadenceCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.StopDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.WithdrawBasicPolicyCommand;
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
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.facts.Facts;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState.Rules;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
import dev.hoshi.kernel.text.WebUrl;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organisation's SECURITY ACTION record (セキュリティ対策自己宣言): its commitment to the 5 articles, its
 * self-assessments (自社診断), its basic security policy (情報セキュリティ基本方針), the declarations IPA issued,
 * and the periodic reviews. IPA issues declarations; Hoshi tracks them and says when ★ or ★★ is eligible, never
 * that anything is certified. Created by the organisation's first action.
 *
 * <p>Every command answers with the status it leaves behind, and applies {@link SecurityActionStatusChangedEvent}
 * when that status differs from the one last published: compliance's conclusions travel as events, and nobody else
 * derives them. Snapshots hold the compact state (revision 3: the review cadence is the organisation's own or the edition's; snapshots of earlier shapes are skipped and replaced).
 */
@Aggregate(snapshotTriggerDefinition = "securityActionSnapshots", cache = "securityActionCache")
@Revision("3")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class SecurityAction {

    /** Refused only when clearly not an ID IPA issued: the catalog's formats decide the format code, not acceptance. */
    private static final Pattern DECLARATION_ID = Pattern.compile("[0-9]{1,20}");

    /** The format code recorded for an ID that matches none of the catalog's (unconfirmed) formats. */
    static final String UNRECOGNISED_FORMAT = "UNRECOGNISED";

    @AggregateIdentifier
    private SecurityActionId id;

    /** What the rules need, folded one event at a time. */
    private SecurityActionState state = new SecurityActionState();

    /** The status last published, so a new one is published only when it differs. */
    private SecurityActionStatus published;

    protected SecurityAction() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SecurityActionStatus handle(CommitToFiveArticlesCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        if (command.articles() == null || command.articles().isEmpty()) {
            throw invalid(
                    "NO_ARTICLES",
                    "Name the articles to commit to (" + articleRange(catalog) + ").",
                    "宣言する項目（" + articleRange(catalog) + "）を指定してください。");
        }
        Set<String> unknown = new TreeSet<>(command.articles());
        unknown.removeAll(catalog.current().articleIds());
        if (!unknown.isEmpty()) {
            throw invalid(
                    "UNKNOWN_ARTICLE",
                    "There is no article " + unknown + "; the articles are " + articleRange(catalog) + ".",
                    "項目 " + unknown + " はありません。項目は " + articleRange(catalog) + " です。");
        }
        apply(new FiveArticlesCommittedEvent(
                command.id().tenant(),
                List.copyOf(new TreeSet<>(command.articles())),
                catalog.current().edition(),
                on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SecurityActionStatus handle(SubmitSelfAssessmentCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        id = command.id();
        LocalDate on = Facts.effective(command.completedOn(), clock);
        Edition edition = edition(catalog, command.edition());
        if (state().assessment(command.assessmentId()).isPresent()) {
            throw conflict(
                    "ASSESSMENT_EXISTS",
                    "This assessment was submitted already; a correction is a new sheet" + " that supersedes it.",
                    "この診断は提出済みです。訂正は新しい診断として提出してください。");
        }
        if (command.supersedes() != null
                && state().assessment(command.supersedes()).isEmpty()) {
            throw unknown("UNKNOWN_ASSESSMENT", "The assessment to supersede does not exist.", "訂正対象の診断がありません。");
        }
        String unit = Text.optional("unit", command.unit(), 100);
        Scoring.Score score = score(edition, command.answers());
        apply(new SelfAssessmentSubmittedEvent(
                command.id().tenant(),
                command.assessmentId(),
                edition.edition(),
                unit,
                Map.copyOf(command.answers()),
                score.total(),
                score.partScores(),
                score.band(),
                score.followUps(),
                command.supersedes(),
                List.of(),
                on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    SecurityActionStatus handle(CombineUnitAssessmentsCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        LocalDate on = Facts.effective(command.completedOn(), clock);
        if (command.units() == null || command.units().isEmpty()) {
            throw invalid("NO_UNITS", "Name the unit assessments to combine.", "まとめる部門別の診断を指定してください。");
        }
        List<SecurityActionState.Sheet> units = new ArrayList<>();
        for (AssessmentId unitId : command.units()) {
            SecurityActionState.Sheet unit = state().assessment(unitId)
                    .filter(a -> !a.organizationWide())
                    .orElseThrow(() -> unknown(
                            "UNKNOWN_ASSESSMENT",
                            "There is no unit assessment " + unitId + ".",
                            "部門別の診断 " + unitId + " はありません。"));
            units.add(unit);
        }
        String editionName = units.get(0).edition();
        if (units.stream().anyMatch(u -> !u.edition().equals(editionName))) {
            throw invalid("MIXED_EDITIONS", "Only sheets of the same edition can be combined.", "同じ版の診断だけをまとめられます。");
        }
        Edition edition = edition(catalog, editionName);
        Map<String, String> weakest = new HashMap<>();
        for (Edition.Item item : edition.items()) {
            weakest.put(
                    item.id(),
                    units.stream()
                            .map(u -> state().answersOf(u).get(item.id()))
                            .min((a, b) -> Integer.compare(points(edition, a), points(edition, b)))
                            .orElseThrow());
        }
        Scoring.Score score = score(edition, weakest);
        apply(new SelfAssessmentSubmittedEvent(
                id.tenant(),
                command.assessmentId(),
                editionName,
                null,
                weakest,
                score.total(),
                score.partScores(),
                score.band(),
                score.followUps(),
                null,
                List.copyOf(command.units()),
                on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SecurityActionStatus handle(AdoptBasicPolicyCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        id = command.id();
        apply(new BasicPolicyAdoptedEvent(command.id().tenant(), Facts.effective(command.effectiveOn(), clock)));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SecurityActionStatus handle(PublishBasicPolicyCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        if (!state().policyAdoptedOn(on)) {
            throw rule("POLICY_NOT_ADOPTED", "Adopt the basic policy before publishing it.", "公開の前に基本方針を策定してください。");
        }
        apply(new BasicPolicyPublishedEvent(
                command.id().tenant(), WebUrl.required("publicUrl", command.publicUrl()), on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    SecurityActionStatus handle(WithdrawBasicPolicyCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        if (!state().policyAdoptedOn(on)) {
            throw rule("POLICY_NOT_ADOPTED", "There is no policy in force to withdraw.", "取り下げる基本方針がありません。");
        }
        apply(new BasicPolicyWithdrawnEvent(id.tenant(), Text.optional("reason", command.reason(), 1000), on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SecurityActionStatus handle(RecordDeclarationCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        if (command.level() == null || command.level() == SecurityActionLevel.NONE) {
            throw invalid("INVALID_LEVEL", "Declare ONE_STAR or TWO_STARS.", "一つ星（ONE_STAR）か二つ星（TWO_STARS）を指定してください。");
        }
        String declarationId =
                command.declarationId() == null ? "" : command.declarationId().strip();
        if (!DECLARATION_ID.matcher(declarationId).matches()) {
            throw invalid(
                    "INVALID_DECLARATION_ID",
                    "A SECURITY ACTION declaration ID (自己宣言ID) is the number IPA issued, digits only (reported as 11"
                            + " digits starting with 5, or 4 for older IDs; unconfirmed); '" + declarationId
                            + "' is not.",
                    "自己宣言IDはIPAが発行した番号（数字のみ）です。5（旧形式は4）で始まる11桁と報告されています（未確認）。入力値: " + declarationId);
        }
        // the reported formats are unconfirmed: an ID of another shape is recorded (the API warns), never refused
        String format = catalog.current()
                .declarationIdFormat(declarationId)
                .map(Edition.DeclarationIdFormat::code)
                .orElse(UNRECOGNISED_FORMAT);
        if (state().declarationOn(on)
                .filter(d -> d.level() == command.level() && d.declarationId().equals(declarationId))
                .isPresent()) {
            throw rule(
                    "ALREADY_DECLARED",
                    "This level is already recorded with this declaration ID.",
                    "この段階はこの自己宣言IDですでに記録されています。");
        }
        if (command.level() == SecurityActionLevel.ONE_STAR && !state().oneStarEligibleOn(on)) {
            throw rule(
                    "ONE_STAR_NOT_ELIGIBLE",
                    "★ needs a commitment to all 5 articles; missing: " + state().articlesNotCommittedBy(on) + ".",
                    "一つ星には5か条すべての取組みが必要です。未宣言: " + state().articlesNotCommittedBy(on) + "。");
        }
        if (command.level() == SecurityActionLevel.TWO_STARS) {
            List<SecurityActionState.Requirement> missing = state().missingForTwoStars(on);
            if (!missing.isEmpty()) {
                throw rule(
                        "TWO_STARS_NOT_ELIGIBLE",
                        "★★ needs the 5 articles, a self-assessment within the review period, and a basic policy"
                                + " adopted and published; missing: " + missing + ".",
                        "二つ星には5か条、見直し期間内の自社診断、基本方針の策定と公開が必要です。不足: " + missing + "。");
            }
        }
        apply(new DeclarationRecordedEvent(id.tenant(), command.level(), declarationId, format, on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    SecurityActionStatus handle(CompleteReviewCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        if (command.kind() == ReviewKind.SELF_ASSESSMENT) {
            throw rule(
                    "REVIEW_BY_SUBMISSION",
                    "A self-assessment review is completed by submitting a new self-assessment.",
                    "自社診断の見直しは、新しい自社診断の提出で完了します。");
        }
        if (!state().policyAdoptedOn(on)) {
            throw rule("POLICY_NOT_ADOPTED", "There is no policy in force to review.", "見直す基本方針がありません。");
        }
        apply(new ReviewCompletedEvent(
                id.tenant(),
                command.kind(),
                Text.optional("note", command.note(), 1000),
                on.plusMonths(state().reviewMonths(command.kind())),
                on));
        return publishStatus(BusinessTime.today(clock));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SecurityActionStatus handle(SetReviewCadenceCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        id = command.id();
        if (command.months() < 1 || command.months() > 36) {
            throw invalid("INVALID_CADENCE", "Reviews come every 1 to 36 months.", "見直しの間隔は1〜36か月で指定してください。");
        }
        apply(new ReviewCadenceSetEvent(id.tenant(), command.months(), BusinessTime.today(clock)));
        return publishStatus(BusinessTime.today(clock));
    }

    /**
     * Idempotent: marks each overdue review once per due date, and publishes the status as of {@code today} when it
     * changed (a review fell due, an assessment expired and with it a ★★'s standing).
     */
    @CommandHandler
    SecurityActionStatus handle(CheckDueDatesCommand command, Catalog catalog) {
        state.rules(Rules.of(catalog.current()));
        LocalDate today = command.today();
        for (ReviewKind kind : ReviewKind.values()) {
            state().dueOn(kind)
                    .filter(today::isAfter)
                    .filter(due ->
                            !state().overdueMarkedFor(kind).map(due::equals).orElse(false))
                    .ifPresent(due -> apply(new ReviewOverdueEvent(id.tenant(), kind, due, today)));
        }
        return publishStatus(today);
    }

    /** Record that the organisation stopped its declaration with IPA (停止). */
    @CommandHandler
    SecurityActionStatus handle(StopDeclarationCommand command, Catalog catalog, Clock clock) {
        state.rules(Rules.of(catalog.current()));
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        SecurityActionState.Declaration declared = state().declarationOn(on)
                .orElseThrow(() -> rule(
                        "NOT_DECLARED", "There is no declaration to stop on " + on + ".", on + " 時点で停止する自己宣言がありません。"));
        apply(new DeclarationStoppedEvent(
                id.tenant(),
                declared.level(),
                declared.declarationId(),
                Text.optional("reason", command.reason(), 1000),
                on));
        return publishStatus(BusinessTime.today(clock));
    }

    /** Folds the event in; the current edition's rules come with it (they are not part of a snapshot). */
    @EventSourcingHandler
    void on(ComplianceEvent event, Catalog catalog) {
        id = SecurityActionId.of(event.organizationId());
        state.rules(Rules.of(catalog.current()));
        if (event instanceof SecurityActionStatusChangedEvent changed) {
            published = changed.status();
        } else {
            state.apply(event);
        }
    }

    /** The status as of {@code today}; applied as an event when it differs from the one last published. */
    private SecurityActionStatus publishStatus(LocalDate today) {
        SecurityActionStatus status = state.statusOn(today);
        if (!status.equals(published)) {
            apply(new SecurityActionStatusChangedEvent(id.tenant(), status, today));
        }
        return status;
    }

    // ------------------------------------------------------------------ helpers

    private SecurityActionState state() {
        return state;
    }

    /** "A1 to A5" for the current edition's articles. */
    private static String articleRange(Catalog catalog) {
        List<String> ids = catalog.current().articleIds();
        return ids.get(0) + "〜" + ids.get(ids.size() - 1);
    }

    private static Edition edition(Catalog catalog, String edition) {
        String name = edition == null ? catalog.current().edition() : edition;
        return catalog.edition(name)
                .orElseThrow(() -> invalid(
                        "UNKNOWN_EDITION",
                        "Hoshi does not know edition " + name + " of the guideline.",
                        "ガイドラインの版 " + name + " は登録されていません。"));
    }

    private static Scoring.Score score(Edition edition, Map<String, String> answers) {
        try {
            return Scoring.score(edition, answers == null ? Map.of() : answers);
        } catch (Scoring.InvalidSheet e) {
            throw invalid(
                    "INVALID_SELF_ASSESSMENT",
                    "Answer every item with DONE, PARTLY, NOT_DONE or UNKNOWN. Missing: " + e.missingItems()
                            + "; unknown items: " + e.unknownItems() + "; unknown answers: " + e.unknownAnswers() + ".",
                    "すべての項目に回答してください。未回答: " + e.missingItems() + "、不明な項目: " + e.unknownItems() + "、不明な回答: "
                            + e.unknownAnswers() + "。");
        }
    }

    private static int points(Edition edition, String answer) {
        return edition.answer(answer).orElseThrow().points();
    }

    private static HoshiException invalid(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.INVALID_INPUT, en, ja);
    }

    private static HoshiException rule(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.BUSINESS_RULE, en, ja);
    }

    private static HoshiException conflict(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.CONFLICT, en, ja);
    }

    private static HoshiException unknown(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.INVALID_INPUT, en, ja);
    }
}

package dev.hoshi.compliance.securityaction.graphql;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.AdoptBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CombineUnitAssessmentsCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CompleteReviewCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.PublishBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.RecordDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SetReviewCadenceCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.StopDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.WithdrawBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindSelfAssessmentsQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindTimelineQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.TimelineEntryView;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * SECURITY ACTION over GraphQL. Every operation acts for the organisation chosen in the token and only for its
 * members; mutations are named after the business actions and answer with the fresh status.
 */
@Controller
class SecurityActionController {

    record DatedInput(String effectiveOn) {}

    record CommitToFiveArticlesInput(List<String> articles, String effectiveOn) {}

    record AnswerInput(String item, String answer) {}

    record SubmitSelfAssessmentInput(
            List<AnswerInput> answers, String completedOn, String unit, String edition, String supersedes) {}

    record CombineUnitAssessmentsInput(List<String> units, String completedOn) {}

    record PublishBasicPolicyInput(String publicUrl, String effectiveOn) {}

    record WithdrawBasicPolicyInput(String reason, String effectiveOn) {}

    record RecordDeclarationInput(SecurityActionLevel level, String declarationId, String effectiveOn) {}

    record StopDeclarationInput(String reason, String effectiveOn) {}

    record CompleteReviewInput(ReviewKind kind, String note, String effectiveOn) {}

    record SetReviewCadenceInput(int months) {}

    /**
     * Every mutation's payload: the status right after it, or the errors that stopped it; warnings about what was
     * recorded all the same (a declaration ID of a format Hoshi does not recognise).
     */
    record StatusPayload(
            Map<String, Object> status, String assessmentId, List<UserError> errors, List<UserError> warnings) {
        StatusPayload(Map<String, Object> status, String assessmentId, List<UserError> errors) {
            this(status, assessmentId, errors, List.of());
        }
    }

    /** The dashboard's fields, in their declared order; read per answer by {@link #map}. */
    private static final List<RecordComponent> VIEW_FIELDS = List.of(ComplianceStatusView.class.getRecordComponents());

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;
    private final Clock clock;

    private final Catalog catalog;

    SecurityActionController(
            CommandGateway commands, QueryGateway queries, OrganizationAccess access, Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ queries

    /** The dashboard, now or as things stood on {@code asOf}; null unless the caller is a member. */
    @QueryMapping
    Map<String, Object> organizationStatus(@Argument String asOf) {
        return access.ifMember()
                .map(org -> status(org, Inputs.asOf(asOf, clock)))
                .orElse(null);
    }

    @QueryMapping
    List<AssessmentView> selfAssessments() {
        TenantId tenant = access.requireMember();
        return queries.query(
                        new FindSelfAssessmentsQuery(tenant), ResponseTypes.multipleInstancesOf(AssessmentView.class))
                .join();
    }

    /** The organisation-wide scores over time, oldest first, corrected sheets left out. */
    @QueryMapping
    List<AssessmentView> scoreHistory() {
        return selfAssessments().stream()
                .filter(a -> a.unit() == null && !a.superseded())
                .sorted((a, b) -> a.completedOn().compareTo(b.completedOn()))
                .toList();
    }

    @QueryMapping
    List<TimelineEntryView> timeline() {
        TenantId tenant = access.requireMember();
        return queries.query(new FindTimelineQuery(tenant), ResponseTypes.multipleInstancesOf(TimelineEntryView.class))
                .join();
    }

    // ------------------------------------------------------------------ mutations

    @MutationMapping
    StatusPayload commitToFiveArticles(@Argument CommitToFiveArticlesInput input) {
        return act(id -> new CommitToFiveArticlesCommand(
                id,
                input.articles() == null ? Set.of() : Set.copyOf(input.articles()),
                optionalDate(input.effectiveOn())));
    }

    @MutationMapping
    StatusPayload submitSelfAssessment(@Argument SubmitSelfAssessmentInput input) {
        AssessmentId assessmentId = AssessmentId.random();
        StatusPayload payload = act(id -> {
            Map<String, String> answers = new LinkedHashMap<>();
            if (input.answers() != null) {
                for (AnswerInput answer : input.answers()) {
                    if (answers.put(answer.item(), answer.answer()) != null) {
                        throw new HoshiException(
                                "DUPLICATE_ANSWER",
                                ErrorKind.INVALID_INPUT,
                                "Item " + answer.item() + " is answered twice.",
                                "項目 " + answer.item() + " に2回回答しています。");
                    }
                }
            }
            return new SubmitSelfAssessmentCommand(
                    id,
                    assessmentId,
                    input.edition(),
                    input.unit(),
                    answers,
                    optionalDate(input.completedOn()),
                    input.supersedes() == null
                            ? null
                            : Inputs.parse("supersedes", input.supersedes(), AssessmentId::of));
        });
        return payload.errors().isEmpty()
                ? new StatusPayload(payload.status(), assessmentId.toString(), List.of())
                : payload;
    }

    @MutationMapping
    StatusPayload combineUnitAssessments(@Argument CombineUnitAssessmentsInput input) {
        AssessmentId assessmentId = AssessmentId.random();
        StatusPayload payload = act(id -> new CombineUnitAssessmentsCommand(
                id,
                assessmentId,
                input.units() == null
                        ? List.of()
                        : input.units().stream()
                                .map(u -> Inputs.parse("units", u, AssessmentId::of))
                                .toList(),
                optionalDate(input.completedOn())));
        return payload.errors().isEmpty()
                ? new StatusPayload(payload.status(), assessmentId.toString(), List.of())
                : payload;
    }

    @MutationMapping
    StatusPayload adoptBasicPolicy(@Argument DatedInput input) {
        return act(id -> new AdoptBasicPolicyCommand(id, optionalDate(input.effectiveOn())));
    }

    @MutationMapping
    StatusPayload publishBasicPolicy(@Argument PublishBasicPolicyInput input) {
        return act(id -> new PublishBasicPolicyCommand(id, input.publicUrl(), optionalDate(input.effectiveOn())));
    }

    @MutationMapping
    StatusPayload withdrawBasicPolicy(@Argument WithdrawBasicPolicyInput input) {
        return act(id -> new WithdrawBasicPolicyCommand(id, input.reason(), optionalDate(input.effectiveOn())));
    }

    @MutationMapping
    StatusPayload recordDeclaration(@Argument RecordDeclarationInput input) {
        StatusPayload payload = act(id -> new RecordDeclarationCommand(
                id, input.level(), input.declarationId(), optionalDate(input.effectiveOn())));
        if (!payload.errors().isEmpty()
                || catalog.current()
                        .declarationIdFormat(input.declarationId().strip())
                        .isPresent()) {
            return payload;
        }
        return new StatusPayload(
                payload.status(),
                null,
                List.of(),
                List.of(new UserError(
                        "UNRECOGNISED_DECLARATION_ID",
                        "Recorded. The ID does not have the reported format (11 digits starting with 5, or 4 for older"
                                + " IDs), which is unconfirmed: check it against IPA's my-page.",
                        "記録しました。IDが報告されている形式（5または旧形式の4で始まる11桁、未確認）と異なります。IPAのマイページの表示と照合してください。",
                        "declarationId")));
    }

    @MutationMapping
    StatusPayload stopDeclaration(@Argument StopDeclarationInput input) {
        return act(id -> new StopDeclarationCommand(id, input.reason(), optionalDate(input.effectiveOn())));
    }

    @MutationMapping
    StatusPayload completeReview(@Argument CompleteReviewInput input) {
        return act(id -> new CompleteReviewCommand(id, input.kind(), input.note(), optionalDate(input.effectiveOn())));
    }

    @MutationMapping
    StatusPayload setReviewCadence(@Argument SetReviewCadenceInput input) {
        return act(id -> new SetReviewCadenceCommand(id, input.months()));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Sends the command for the caller's organisation (members only) and answers with the status the aggregate left
     * behind (the dashboard document follows a moment later), beside the controls as stored.
     */
    private StatusPayload act(Function<SecurityActionId, Object> command) {
        OrganizationStatusView org = access.requireWriter();
        TenantId tenant = TenantId.of(org.organizationId());
        Mutations.Outcome<SecurityActionStatus> outcome =
                Mutations.attempt(() -> commands.sendAndWait(command.apply(SecurityActionId.of(tenant))));
        if (!outcome.succeeded()) {
            return new StatusPayload(null, null, outcome.errors());
        }
        ComplianceStatusView stored = view(org, null);
        ComplianceStatusView fresh =
                ComplianceStatusView.of(tenant, BusinessTime.today(clock), outcome.value(), stored.controls());
        return new StatusPayload(map(org, fresh), null, List.of());
    }

    /** The status for GraphQL: the stored dashboard ({@code asOf} null) or the history folded as it stood then. */
    private Map<String, Object> status(OrganizationStatusView org, LocalDate asOf) {
        return map(org, view(org, asOf));
    }

    private ComplianceStatusView view(OrganizationStatusView org, LocalDate asOf) {
        return queries.query(
                        new FindComplianceStatusQuery(TenantId.of(org.organizationId()), asOf),
                        ComplianceStatusView.class)
                .join();
    }

    /**
     * The compliance view plus the organisation's name: the view's own fields, their values as they are (GraphQL reads
     * the nested records, enums and dates itself). Until 2026-12-05 the whole view went through JSON into nested maps:
     * 3.6% of compliance's samples in a profile of dashboard reads, 10.5-11.5 against 0.36-0.37 µs per dashboard in
     * isolation ({@code StatusMapBenchmark}).
     */
    static Map<String, Object> map(OrganizationStatusView org, ComplianceStatusView view) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent field : VIEW_FIELDS) {
            try {
                map.put(field.getName(), field.getAccessor().invoke(view));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + field.getName() + " of the compliance view", e);
            }
        }
        map.put("name", org.name());
        return map;
    }

    private static LocalDate optionalDate(String value) {
        return value == null || value.isBlank() ? null : date("effectiveOn", value);
    }

    private static LocalDate date(String field, String value) {
        return Inputs.date(field, value.strip());
    }
}

package dev.hoshi.compliance.securityaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.DisclosureQueries.AccessLogEntryView;
import dev.hoshi.compliance.api.status.DisclosureQueries.AnswerView;
import dev.hoshi.compliance.api.status.DisclosureQueries.FindAccessLogQuery;
import dev.hoshi.compliance.api.status.DisclosureQueries.FindMemberStatusQuery;
import dev.hoshi.compliance.api.status.DisclosureQueries.MemberStatusView;
import dev.hoshi.compliance.api.status.DisclosureQueries.PartScoreView;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reads of an organisation's record from outside: decided by {@link GrantProjection}, cut to the grant's scope, and
 * logged for the organisation in {@code access_log} ({@link AccessLogStore}).
 */
@Component
class DisclosureQueryHandlers {

    private final GrantProjection grants;
    private final ComplianceStatusQueryHandlers statuses;
    private final Clock clock;
    private final MongoCollection<Document> names;
    private final AccessLogStore accessLog;

    DisclosureQueryHandlers(
            GrantProjection grants,
            ComplianceStatusQueryHandlers statuses,
            Clock clock,
            @Qualifier("serviceDatabase") MongoDatabase db,
            AccessLogStore accessLog) {
        this.grants = grants;
        this.statuses = statuses;
        this.clock = clock;
        this.names = db.getCollection("organizations");
        this.accessLog = accessLog;
    }

    @QueryHandler
    Optional<MemberStatusView> handle(FindMemberStatusQuery query) {
        LocalDate today = BusinessTime.today(clock);
        Actor viewer = Actor.parse(query.viewer());
        Optional<ConsentScope> scope = grants.scopeFor(query.organizationId(), viewer, today);
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        Document organization = names.find(
                        new Document("_id", query.organizationId().toString()))
                .first();
        if (organization == null) {
            return Optional.empty();
        }
        log(query.organizationId(), viewer, scope.get(), today);
        return Optional.of(view(query.organizationId(), organization.getString("name"), scope.get()));
    }

    @QueryHandler
    List<AccessLogEntryView> handle(FindAccessLogQuery query) {
        return accessLog.recent(
                query.organizationId(), BusinessTime.today(clock), query.days(), query.before(), query.limit());
    }

    private void log(TenantId organization, Actor viewer, ConsentScope scope, LocalDate today) {
        accessLog.record(organization, Instant.now(clock), viewer.toString(), scope.name(), "MEMBER_STATUS");
    }

    private MemberStatusView view(TenantId organization, String name, ConsentScope scope) {
        ComplianceStatusView status = statuses.current(organization);
        AssessmentView latest = status.latestAssessment();
        boolean scores = scope.includes(ConsentScope.LEVEL_AND_SCORES) && latest != null;
        boolean detail = scope.includes(ConsentScope.FULL_DETAIL);
        return new MemberStatusView(
                organization.toString(),
                name,
                scope.name(),
                status.level(),
                status.declarationId(),
                status.declaredOn(),
                status.standing(),
                status.lapseReason(),
                status.lapsedOn(),
                scores ? latest.score() : null,
                scores ? latest.band() : null,
                scores ? latest.completedOn() : null,
                scores
                        ? latest.partScores().entrySet().stream()
                                .map(e -> new PartScoreView(e.getKey(), e.getValue()))
                                .toList()
                        : null,
                detail && latest != null
                        ? latest.answers().entrySet().stream()
                                .map(e -> new AnswerView(e.getKey(), e.getValue()))
                                .sorted(Comparator.comparing(
                                        a -> Integer.parseInt(a.item().substring(1))))
                                .toList()
                        : null,
                detail ? status.controls() : null);
    }
}

package dev.hoshi.insights.rollup.graphql;

import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery.Interval;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupSeriesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** A support organisation's rollup, for its analysts; anyone else gets {@code null}, as for a missing one. */
@Controller
class SupportOrganizationRollupController {

    private static final int MAX_MONTHS = 36;

    private final QueryGateway queries;
    private final Clock clock;

    SupportOrganizationRollupController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @QueryMapping
    SupportOrganizationRollupView supportOrganizationRollup(
            @Argument String supportOrganizationId, @Argument String asOf, @Argument Map<String, Object> filter) {
        SupportOrganizationId id =
                Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of);
        LocalDate date = Inputs.asOf(asOf, clock);
        RollupFilter members = Filters.parse(filter);
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER) {
            return null;
        }
        return queries.query(
                        new FindSupportOrganizationRollupQuery(id, UserId.of(actor.id()), date, members),
                        ResponseTypes.optionalInstanceOf(SupportOrganizationRollupView.class))
                .join()
                .orElse(null);
    }

    @QueryMapping
    SupportOrganizationRollupSeriesView supportOrganizationRollupSeries(
            @Argument String supportOrganizationId,
            @Argument String from,
            @Argument String to,
            @Argument String interval,
            @Argument Map<String, Object> filter) {
        SupportOrganizationId id =
                Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of);
        YearMonth start = Inputs.month("from", from);
        YearMonth end = Inputs.month("to", to);
        if (end.isBefore(start) || start.plusMonths(MAX_MONTHS).isBefore(end.plusMonths(1))) {
            throw new HoshiException(
                    "INVALID_PERIOD",
                    ErrorKind.INVALID_INPUT,
                    "'from' must not be after 'to', and a series covers at most " + MAX_MONTHS + " months.",
                    "'from' は 'to' 以前にしてください。期間は最長 " + MAX_MONTHS + " か月です。");
        }
        RollupFilter members = Filters.parse(filter);
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER) {
            return null;
        }
        return queries.query(
                        new FindSupportOrganizationRollupSeriesQuery(
                                id,
                                UserId.of(actor.id()),
                                start,
                                end,
                                interval == null ? Interval.MONTH : Interval.valueOf(interval),
                                members),
                        ResponseTypes.optionalInstanceOf(SupportOrganizationRollupSeriesView.class))
                .join()
                .orElse(null);
    }
}

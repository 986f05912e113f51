package dev.hoshi.insights.rollup.graphql;

import dev.hoshi.insights.api.rollup.CohortBenchmarkView;
import dev.hoshi.insights.api.rollup.FindCohortBenchmarkQuery;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.security.Caller;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The chosen organisation beside its industry cohort, for its own people; anyone else gets {@code null}. */
@Controller
class CohortBenchmarkController {

    private final QueryGateway queries;

    CohortBenchmarkController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    CohortBenchmarkView cohortBenchmark() {
        Actor actor = Caller.actor();
        Optional<String> organization = Caller.organization();
        if (actor.kind() != Actor.Kind.USER || organization.isEmpty()) {
            return null;
        }
        return queries.query(
                        new FindCohortBenchmarkQuery(TenantId.of(organization.get()), UserId.of(actor.id())),
                        ResponseTypes.optionalInstanceOf(CohortBenchmarkView.class))
                .join()
                .orElse(null);
    }
}

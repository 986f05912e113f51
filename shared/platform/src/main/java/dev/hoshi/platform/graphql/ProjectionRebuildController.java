package dev.hoshi.platform.graphql;

import dev.hoshi.platform.axon.ProjectionRebuilds;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code rebuildProjection(name)}: an operator rebuilds one of the service's projections from the event store
 * ({@link ProjectionRebuilds}). Operators only ({@code FORBIDDEN} for anyone else); a name the service does not know
 * is the payload error {@code UNKNOWN_PROJECTION}, which lists the names there are, and changes nothing. Every service
 * whose schema declares the mutation gets it.
 */
@Controller
public class ProjectionRebuildController {

    /** The mutation's payload: the rebuild started, or the errors that stopped it. */
    public record RebuildProjectionPayload(ProjectionRebuilds.Rebuild projection, List<UserError> errors) {}

    private final ProjectionRebuilds rebuilds;

    public ProjectionRebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @MutationMapping
    public RebuildProjectionPayload rebuildProjection(@Argument String name) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<ProjectionRebuilds.Rebuild> outcome = Mutations.attempt(() -> rebuilds.rebuild(name));
        return new RebuildProjectionPayload(outcome.value(), outcome.errors());
    }
}

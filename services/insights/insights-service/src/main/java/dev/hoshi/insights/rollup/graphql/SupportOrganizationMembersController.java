package dev.hoshi.insights.rollup.graphql;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.api.rollup.MemberPageView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** A support organisation's consenting members, page by page, for its analysts; anyone else gets {@code null}. */
@Controller
class SupportOrganizationMembersController {

    static final int MAX_PAGE = 100;
    static final int MAX_EXPORT = 10_000;

    private final QueryGateway queries;
    private final EventGateway events;
    private final Edition edition;

    SupportOrganizationMembersController(QueryGateway queries, EventGateway events, Catalog catalog) {
        this.queries = queries;
        this.events = events;
        this.edition = catalog.current();
    }

    /** Every member shown is told who looked (compliance's accessLog). */
    private void disclosed(List<MemberView> members, Actor viewer, String what) {
        events.publish(members.stream()
                .map(m -> (Object) new MemberDataDisclosedEvent(
                        TenantId.of(m.organizationId()), viewer.toString(), m.scope(), what))
                .toList());
    }

    /** A Relay connection; the cursor is opaque (the position in the sorted list). */
    record MemberConnection(List<MemberEdge> edges, PageInfo pageInfo) {}

    record MemberEdge(MemberView node, String cursor) {}

    record PageInfo(boolean hasNextPage, String endCursor) {}

    @QueryMapping
    MemberConnection supportOrganizationMembers(
            @Argument String supportOrganizationId,
            @Argument String level,
            @Argument Map<String, Object> filter,
            @Argument Boolean overdue,
            @Argument String sort,
            @Argument Integer first,
            @Argument String after) {
        SupportOrganizationId id =
                Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of);
        int limit = Inputs.first(first, 20, MAX_PAGE);
        int offset = after == null
                ? 0
                : Inputs.parse(
                        "after",
                        after,
                        SupportOrganizationMembersController::position,
                        "the endCursor of an earlier page of this list",
                        "このリストの前のページの endCursor");
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER) {
            return null;
        }
        MemberPageView page = queries.query(
                        new ListSupportOrganizationMembersQuery(
                                id,
                                UserId.of(actor.id()),
                                level,
                                Filters.parse(filter),
                                overdue,
                                sort == null ? MemberSort.SCORE : MemberSort.valueOf(sort),
                                offset,
                                limit),
                        ResponseTypes.optionalInstanceOf(MemberPageView.class))
                .join()
                .orElse(null);
        if (page == null) {
            return null;
        }
        disclosed(page.members(), actor, "MEMBER_LIST");
        List<MemberEdge> edges = new ArrayList<>();
        for (int i = 0; i < page.members().size(); i++) {
            edges.add(new MemberEdge(page.members().get(i), cursor(offset + i + 1)));
        }
        return new MemberConnection(
                edges,
                new PageInfo(
                        page.hasNext(),
                        edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor()));
    }

    /** A file for download: its bytes in base64. */
    record MemberExport(String fileName, String contentType, String base64, int rowCount, boolean truncated) {}

    @QueryMapping
    MemberExport supportOrganizationMembersExport(
            @Argument String supportOrganizationId,
            @Argument String level,
            @Argument Map<String, Object> filter,
            @Argument Boolean overdue,
            @Argument String sort,
            @Argument String format) {
        SupportOrganizationId id =
                Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of);
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER) {
            return null;
        }
        MemberPageView page = queries.query(
                        new ListSupportOrganizationMembersQuery(
                                id,
                                UserId.of(actor.id()),
                                level,
                                Filters.parse(filter),
                                overdue,
                                sort == null ? MemberSort.SCORE : MemberSort.valueOf(sort),
                                0,
                                MAX_EXPORT),
                        ResponseTypes.optionalInstanceOf(MemberPageView.class))
                .join()
                .orElse(null);
        if (page == null) {
            return null;
        }
        disclosed(page.members(), actor, "MEMBER_EXPORT");
        boolean xlsx = "XLSX".equals(format);
        byte[] bytes =
                xlsx ? MemberExportFiles.xlsx(page.members(), edition) : MemberExportFiles.csv(page.members(), edition);
        return new MemberExport(
                "members-" + id + (xlsx ? ".xlsx" : ".csv"),
                xlsx ? MemberExportFiles.XLSX_TYPE : MemberExportFiles.CSV_TYPE,
                Base64.getEncoder().encodeToString(bytes),
                page.members().size(),
                page.hasNext());
    }

    static String cursor(int position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("member:" + position).getBytes(StandardCharsets.UTF_8));
    }

    static int position(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!text.startsWith("member:")) {
            throw new IllegalArgumentException("not a member cursor");
        }
        int position = Integer.parseInt(text.substring("member:".length()));
        if (position < 0) {
            throw new IllegalArgumentException("not a member cursor");
        }
        return position;
    }
}

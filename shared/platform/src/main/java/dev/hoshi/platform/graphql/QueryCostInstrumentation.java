package dev.hoshi.platform.graphql;

import dev.hoshi.platform.security.Caller;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.graphql.execution.ErrorType;

/**
 * What one GraphQL request may cost, judged on the validated document before anything runs. Every selected field
 * counts, each alias and each use of a fragment again: a field costs its weight ({@code hoshi.graphql.field-weights},
 * else 1), and the request at most {@code hoshi.graphql.max-complexity} ({@code QUERY_TOO_EXPENSIVE}); at most
 * {@code hoshi.graphql.max-export-fields} fields named {@code …Export} ({@code TOO_MANY_EXPORTS}), since each builds a
 * file and logs a disclosure per row; and introspection ({@code __schema}, {@code __type}) only when
 * {@code introspectionAllowed} says so ({@code INTROSPECTION_NOT_ALLOWED}).
 */
public class QueryCostInstrumentation extends SimplePerformantInstrumentation {

    static final String EXPORT_SUFFIX = "Export";

    private final int maxCost;
    private final Map<String, Integer> weights;
    private final int maxExports;
    private final BooleanSupplier introspectionAllowed;

    public QueryCostInstrumentation(
            int maxCost, Map<String, Integer> weights, int maxExports, BooleanSupplier introspectionAllowed) {
        this.maxCost = maxCost;
        this.weights = Map.copyOf(weights);
        this.maxExports = maxExports;
        this.introspectionAllowed = introspectionAllowed;
    }

    /** Operators may look at the schema, except in demo mode, where anyone may (GraphiQL needs it). */
    public static BooleanSupplier operatorsOnly(boolean demo) {
        return () -> demo || Caller.hasRole(Caller.PLATFORM_OPERATOR);
    }

    private static final class Tally {
        long cost;
        int exports;
        boolean introspection;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Tally tally = new Tally();
        add(context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName(), tally, 0);
        if (tally.introspection && !introspectionAllowed.getAsBoolean()) {
            throw abort(
                    "INTROSPECTION_NOT_ALLOWED",
                    ErrorType.FORBIDDEN,
                    "Introspection is for platform operators only.",
                    "スキーマの参照（イントロスペクション）はプラットフォーム運用者のみ可能です。");
        }
        if (tally.exports > maxExports) {
            throw abort(
                    "TOO_MANY_EXPORTS",
                    ErrorType.BAD_REQUEST,
                    "A request may ask for at most " + maxExports + " export(s), aliases counted; this one asks for "
                            + tally.exports + ".",
                    "1回のリクエストで求められるエクスポートは " + maxExports + " 件までです（別名も数えます）。このリクエストは " + tally.exports + " 件です。");
        }
        if (tally.cost > maxCost) {
            throw abort(
                    "QUERY_TOO_EXPENSIVE",
                    ErrorType.BAD_REQUEST,
                    "This request would cost " + tally.cost + ", more than the " + maxCost
                            + " one request may; ask for fewer fields or split it.",
                    "このリクエストのコストは " + tally.cost + " で、上限の " + maxCost + " を超えています。項目を減らすか分けてください。");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private void add(SelectionSet set, Map<String, FragmentDefinition> fragments, Tally tally, int nesting) {
        // validation has refused fragment cycles; the nesting bound is a second guard
        if (set == null || nesting > 64) {
            return;
        }
        List<Selection> selections = set.getSelections();
        for (Selection<?> selection : selections) {
            if (selection instanceof Field field) {
                String name = field.getName();
                if (name.equals("__schema") || name.equals("__type")) {
                    tally.introspection = true;
                }
                if (name.endsWith(EXPORT_SUFFIX)) {
                    tally.exports++;
                }
                tally.cost += weights.getOrDefault(name, 1);
                add(field.getSelectionSet(), fragments, tally, nesting + 1);
            } else if (selection instanceof InlineFragment inline) {
                add(inline.getSelectionSet(), fragments, tally, nesting + 1);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null) {
                    add(fragment.getSelectionSet(), fragments, tally, nesting + 1);
                }
            }
        }
    }

    private static AbortExecutionException abort(String code, ErrorType type, String message, String messageJa) {
        GraphQLError error = GraphqlErrorBuilder.newError()
                .errorType(type)
                .message(message)
                .extensions(Map.of("code", code, "messageJa", messageJa))
                .build();
        return new AbortExecutionException(List.of(error));
    }
}

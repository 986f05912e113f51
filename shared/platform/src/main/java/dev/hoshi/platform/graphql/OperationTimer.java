package dev.hoshi.platform.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times each GraphQL request by its operation: {@code hoshi.graphql.operation}, tags {@code operation} (the
 * operation's name), {@code type} ({@code query}, {@code mutation}, {@code subscription}) and {@code outcome}
 * ({@code success}, or {@code error} when the result carries an error). The names stay few whatever clients send: an
 * operation without a name is {@code anonymous}, a request that never reached execution (unparsable, invalid, over a
 * limit) is {@code invalid}, and once {@link #MAX_NAMES} names have been seen, or for a name longer than {@link
 * #MAX_NAME_LENGTH}, any new one is {@code other}.
 */
final class OperationTimer extends SimplePerformantInstrumentation {

    static final String METRIC = "hoshi.graphql.operation";
    static final int MAX_NAMES = 100;
    static final int MAX_NAME_LENGTH = 64;

    private final MeterRegistry registry;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    OperationTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final class Operation implements InstrumentationState {
        volatile String name = "invalid";
        volatile String type = "unknown";
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Operation();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Timer.Sample sample = Timer.start(registry);
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            Operation operation = state instanceof Operation o ? o : new Operation();
            boolean ok = failure == null && result != null && result.getErrors().isEmpty();
            sample.stop(Timer.builder(METRIC)
                    .description("One GraphQL request, by operation")
                    .tag("operation", operation.name)
                    .tag("type", operation.type)
                    .tag("outcome", ok ? "success" : "error")
                    .register(registry));
        });
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof Operation operation) {
            OperationDefinition definition = parameters.getExecutionContext().getOperationDefinition();
            operation.name = bucket(definition.getName());
            operation.type = definition.getOperation().name().toLowerCase(Locale.ROOT);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** The tag for an operation name: itself while the set of names is small, else a bucket. */
    String bucket(String name) {
        if (name == null || name.isEmpty()) {
            return "anonymous";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "other";
        }
        if (names.contains(name)) {
            return name;
        }
        synchronized (names) {
            if (names.size() < MAX_NAMES) {
                names.add(name);
                return name;
            }
        }
        return names.contains(name) ? name : "other";
    }
}

package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class HandlerTimerTest {

    record PlaceOrderCommand(String id) {}

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HandlerTimer<CommandMessage<?>> timer = HandlerTimer.commands(registry);

    @Test
    void eachCommandIsTimedByItsPayloadAndOutcome() {
        handle(() -> "done");
        handle(() -> {
            throw new HoshiException("CLOSED", ErrorKind.BUSINESS_RULE, "Closed.", "締め切り済みです。");
        });
        handle(() -> {
            throw new ConcurrencyException("another command won");
        });
        handle(() -> {
            throw new IllegalStateException("broken");
        });
        UnitOfWork<CommandMessage<?>> failsOnCommit = DefaultUnitOfWork.startAndGet(command());
        failsOnCommit.onPrepareCommit(u -> {
            throw new ConcurrencyException("lost the race on append");
        });
        failsOnCommit.executeWithResult(() -> timer.handle(failsOnCommit, () -> "done"));

        assertThat(count("success")).isEqualTo(1);
        assertThat(count("rejected")).isEqualTo(1);
        assertThat(count("conflict")).as("one in the handler, one on commit").isEqualTo(2);
        assertThat(count("error")).isEqualTo(1);
    }

    private void handle(Callable<Object> handler) {
        UnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command());
        InterceptorChain chain = handler::call;
        unitOfWork.executeWithResult(() -> timer.handle(unitOfWork, chain));
    }

    private static CommandMessage<?> command() {
        return GenericCommandMessage.asCommandMessage(new PlaceOrderCommand("o-1"));
    }

    private long count(String outcome) {
        return registry.get(HandlerTimer.COMMAND)
                .tag("command", "PlaceOrderCommand")
                .tag("outcome", outcome)
                .timer()
                .count();
    }
}

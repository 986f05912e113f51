package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class ConflictRetrySchedulerTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = DefaultCommandGateway.builder()
            .commandBus(bus)
            .retryScheduler(ConflictRetryScheduler.create(3, 1))
            .build();
    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void aCommandThatLostARaceIsSentAgainAndSucceeds() {
        bus.subscribe(String.class.getName(), command -> {
            if (tries.incrementAndGet() < 3) {
                throw new ConcurrencyException("sequence 7 of org-1 was taken", new IllegalStateException("E11000"));
            }
            return "done";
        });

        assertThat((String) gateway.sendAndWait("submit")).isEqualTo("done");
        assertThat(tries).hasValue(3);
    }

    @Test
    void aConflictThatOutlastsTheTriesReachesTheCaller() {
        bus.subscribe(String.class.getName(), command -> {
            tries.incrementAndGet();
            throw new ConcurrencyException("always taken");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("submit")).isInstanceOf(ConcurrencyException.class);
        assertThat(tries).hasValue(4);
    }

    @Test
    void aBusinessErrorIsFinalAtOnce() {
        bus.subscribe(String.class.getName(), command -> {
            tries.incrementAndGet();
            throw new HoshiException("TWO_STARS_NOT_ELIGIBLE", ErrorKind.BUSINESS_RULE, "missing", "不足");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("submit")).isInstanceOf(HoshiException.class);
        assertThat(tries).hasValue(1);
    }
}

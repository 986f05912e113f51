package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

class ProjectionBatchTest {

    private final List<String> log = new ArrayList<>();

    private final class Buffer implements ProjectionBatch.Buffer {
        private final List<Object> pending = new ArrayList<>();

        @Override
        public void flush() {
            log.add("flush " + pending);
            pending.clear();
        }
    }

    @Test
    void aBatchIsWrittenOnceAfterItsLastEventAndBeforeTheProcessorStoresItsToken() {
        List<EventMessage<?>> events = List.of(
                GenericEventMessage.asEventMessage("a"),
                GenericEventMessage.asEventMessage("b"),
                GenericEventMessage.asEventMessage("c"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.onPrepareCommit(u -> log.add("token stored")); // as the pooled processor registers it, first

        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, List.of(new ProjectionBatchInterceptor()), event -> {
                            ProjectionBatch.write(this, Buffer::new, b -> b.pending.add(event.getPayload()));
                            return null;
                        })
                        .proceed());

        assertThat(result.isExceptional()).isFalse();
        assertThat(log).containsExactly("flush [a, b, c]", "token stored");
    }

    @Test
    void outsideAUnitOfWorkAChangeIsWrittenAtOnce() {
        ProjectionBatch.write(this, Buffer::new, b -> b.pending.add("alone"));
        ProjectionBatch.write(this, Buffer::new, b -> b.pending.add("next"));

        assertThat(log).containsExactly("flush [alone]", "flush [next]");
    }

    @Test
    void whatIsStillPendingAtPrepareCommitIsWrittenThen() {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork =
                new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("x")));

        unitOfWork.executeWithResult(() -> {
            ProjectionBatch.write(this, Buffer::new, b -> b.pending.add("x")); // no interceptor on this processor
            return null;
        });

        assertThat(log).containsExactly("flush [x]");
    }
}

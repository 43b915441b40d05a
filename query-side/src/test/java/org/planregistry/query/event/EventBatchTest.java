package org.planregistry.query.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** A view's changes are written once per batch, after its last event, and not at all when the batch fails. */
class EventBatchTest {

    private final List<List<Object>> written = new ArrayList<>();

    /** Collects the payloads handled in a batch; writing hands them to {@link #written}. */
    final class Payloads implements EventBatch.Changes {

        final List<? extends EventMessage<?>> batch;
        final List<Object> handled = new ArrayList<>();

        Payloads(List<? extends EventMessage<?>> batch) {
            this.batch = batch;
        }

        @Override
        public void write() {
            written.add(List.copyOf(handled));
        }

        @Override
        public void savepoint() {
        }

        @Override
        public void rollBack() {
        }
    }

    @Test
    void writesTheChangesOfAWholeBatchOnceAfterItsLastEvent() {
        List<Payloads> created = new ArrayList<>();
        ResultMessage<?> result = handle(batchOf("a", "b", "c"), message -> {
            Payloads changes = EventBatch.changes(Payloads.class, batch -> {
                Payloads made = new Payloads(batch);
                created.add(made);
                return made;
            });
            assertThat(written).as("nothing is written before the batch's last event").isEmpty();
            changes.handled.add(message.getPayload());
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(written).containsExactly(List.of("a", "b", "c"));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).batch.stream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly("a", "b", "c");
    }

    @Test
    void writesNothingWhenAnEventOfTheBatchFails() {
        ResultMessage<?> result = handle(batchOf("a", "b", "c"), message -> {
            EventBatch.changes(Payloads.class, Payloads::new).handled.add(message.getPayload());
            if (message.getPayload().equals("b")) {
                throw new IllegalStateException("view unavailable");
            }
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(written).isEmpty();
    }

    @Test
    void aFailingWriteFailsTheBatch() {
        ResultMessage<?> result = handle(batchOf("a", "b"), message ->
                EventBatch.changes(Failing.class, batch -> new Failing()));

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessage("store unavailable");
    }

    @Test
    void anEventHandledAloneIsWrittenAtOnce() {
        DefaultUnitOfWork<EventMessage<?>> single = DefaultUnitOfWork.startAndGet(event("a"));
        single.executeWithResult(() -> new DefaultInterceptorChain<>(single,
                List.of(EventBatch.writesAtEnd(Payloads.class)), (MessageHandler<EventMessage<?>>) message -> {
                    EventBatch.changes(Payloads.class, Payloads::new).handled.add(message.getPayload());
                    return null;
                }).proceed());

        assertThat(written).containsExactly(List.of("a"));
    }

    @Test
    void changesExistOnlyWhileEventsAreHandled() {
        assertThatThrownBy(() -> EventBatch.changes(Payloads.class, Payloads::new))
                .isInstanceOf(IllegalStateException.class);
    }

    static final class Failing implements EventBatch.Changes {

        @Override
        public void write() {
            throw new IllegalStateException("store unavailable");
        }

        @Override
        public void savepoint() {
        }

        @Override
        public void rollBack() {
        }
    }

    private interface Handler {

        void handle(EventMessage<?> message);
    }

    private static ResultMessage<?> handle(BatchingUnitOfWork<EventMessage<?>> batch, Handler handler) {
        return batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch,
                List.of(EventBatch.writesAtEnd(Payloads.class), EventBatch.writesAtEnd(Failing.class)),
                (MessageHandler<EventMessage<?>>) message -> {
                    handler.handle(message);
                    return null;
                }).proceed());
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(String... payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(event(payload));
        }
        return new BatchingUnitOfWork<>(events);
    }

    private static EventMessage<?> event(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}

package org.planregistry.query.event;

import java.util.List;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The events a tracking processor handles in one unit of work (up to its batch size). A view buffers its changes
 * for the whole batch and writes them once, after the batch's last event: a read-modify-write round trip per event
 * is what set the pace of a replay.
 *
 * <p>The write happens inside the handling of the last event (see {@link #writesAtEnd}), not in a commit phase:
 * without a transaction manager the processor stores its token in the first prepare-commit handler, and a view
 * written after that could lose the batch on a failure. Written during handling, a failed write rolls the batch
 * back and the processor handles it again.
 */
public final class EventBatch {

    /** What a view changes while handling a batch; written once, at the batch's end. */
    public interface Changes {

        void write();

        /** Marks the changes so far, before an event is handled: {@link #rollBack} returns to them. */
        void savepoint();

        /** Undoes the changes since the {@link #savepoint}: the event handled since then failed. */
        void rollBack();
    }

    private EventBatch() {
    }

    /**
     * The view's changes for the batch being handled, made by {@code create} from the batch's events on first use.
     *
     * @throws IllegalStateException outside the handling of events
     */
    public static <T extends Changes> T changes(Class<T> type,
                                                Function<List<? extends EventMessage<?>>, T> create) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(type.getName(), key -> create.apply(events(unitOfWork)));
    }

    /** Writes the changes of {@code type} once the last event of a batch has been handled. */
    public static MessageHandlerInterceptor<EventMessage<?>> writesAtEnd(Class<? extends Changes> type) {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                Object changes = unitOfWork.root().resources().remove(type.getName());
                if (changes != null) {
                    type.cast(changes).write();
                }
            }
            return result;
        };
    }

    private static List<? extends EventMessage<?>> events(UnitOfWork<?> unitOfWork) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages().stream().filter(EventMessage.class::isInstance)
                    .map(message -> (EventMessage<?>) message).toList();
        }
        return unitOfWork.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
    }
}

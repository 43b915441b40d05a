package org.planregistry.query.event;

import java.util.Map;

import com.mongodb.MongoException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planregistry.api.PlanEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolates each event of a view's batch. An event whose projection throws is undone ({@link
 * EventBatch.Changes#rollBack}) and parked in {@link DeadLetters}, and the batch goes on: without this the batch
 * failed as a whole and the processor handled it again and again, and the view stopped for every plan. Every later
 * event of a parked plan is parked behind it unhandled, so that a plan's events are still applied in order; the
 * operator retries them ({@code POST /api/admin/dead-letters/retry}).
 *
 * <p>An error of the store ({@link MongoException}) is not the event's fault: it fails the batch, which the
 * processor handles again once the store answers, as before.
 *
 * <p>The events are the plan's sequence because a plan's documents change only through its own events (an
 * indicator's "continued by" is the one version written by another plan's event).
 */
public final class DeadLettering implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Set on the unit of work of a retry: the event is handled, and its failure is the retry's. */
    public static final String RETRYING = DeadLettering.class.getName() + "/retrying";
    private static final Logger log = LoggerFactory.getLogger(DeadLettering.class);

    private final DeadLetters letters;
    private final String view;
    private final Class<? extends EventBatch.Changes> changesType;

    DeadLettering(DeadLetters letters, String view, Class<? extends EventBatch.Changes> changesType) {
        this.letters = letters;
        this.view = view;
        this.changesType = changesType;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> message = unitOfWork.getMessage();
        if (!(message.getPayload() instanceof PlanEvent event) || unitOfWork.root().resources().containsKey(RETRYING)) {
            return chain.proceed();
        }
        long sequence = RecordedEvent.globalSequence(message);
        Map<String, Long> parked = letters.parkedInBatch(view, unitOfWork);
        Long first = parked.get(event.planCode());
        if (first != null && first <= sequence) {
            if (first < sequence) {
                letters.park(view, message, event.planCode(), first, "waits for event " + first + " of its plan");
            }
            return null;
        }
        Map<String, Object> resources = unitOfWork.root().resources();
        EventBatch.Changes before = changesType.cast(resources.get(changesType.getName()));
        if (before != null) {
            before.savepoint();
        }
        try {
            return chain.proceed();
        } catch (MongoException e) {
            throw e; // the store failed, not the event: the processor handles the batch again
        } catch (Exception e) {
            Object changes = resources.get(changesType.getName());
            if (changes != null && changes == before) {
                before.rollBack();
            } else if (changes != null) {
                resources.remove(changesType.getName()); // made for this event: nothing else is in it
            }
            log.error("View {} could not project event {} ({}) of plan {}; parked with the plan's later events",
                    view, sequence, message.getPayloadType().getSimpleName(), event.planCode(), e);
            letters.park(view, message, event.planCode(), null, String.valueOf(e));
            parked.put(event.planCode(), sequence);
            return null;
        }
    }
}

package org.planregistry.query.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.event.DeadLetter;
import org.planregistry.query.event.DeadLetters;
import org.planregistry.query.event.DeadLettering;
import org.planregistry.query.event.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The operator's retry of parked events: per view and plan, in order of global sequence, each read again from the
 * event store and handled by the view's own handlers and interceptors (so written as the processor writes it), in
 * this thread. A plan's letters are removed one by one as their events are applied; the first that fails again stays
 * parked, with the plan's later ones behind it. Events parked while a retry runs are retried in the same run.
 */
@Component
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final DeadLetters letters;
    private final EventProcessingConfiguration processing;
    private final MongoEventStorageEngine events;

    DeadLetterRetry(DeadLetters letters, EventProcessingConfiguration processing, MongoEventStorageEngine events) {
        this.letters = letters;
        this.processing = processing;
        this.events = events;
    }

    /** What a retry did: per view and plan, how many events were applied and which one still fails, if any. */
    public record Outcome(String view, String plan, int applied, DeadLetter stillParked) {
    }

    /** Retries the parked events of {@code view} and {@code plan} (each null: all). */
    public synchronized List<Outcome> retry(String view, String plan) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (List<DeadLetter> sequence : sequences(view, plan)) {
                DeadLetter first = sequence.get(0);
                String key = first.view() + "/" + first.plan();
                if (outcomes.containsKey(key) && outcomes.get(key).stillParked() != null) {
                    continue; // failed again in this run: stays parked
                }
                Outcome outcome = retry(sequence, outcomes.getOrDefault(key,
                        new Outcome(first.view(), first.plan(), 0, null)));
                outcomes.put(key, outcome);
                progressed |= outcome.stillParked() == null;
            }
        }
        return List.copyOf(outcomes.values());
    }

    private Outcome retry(List<DeadLetter> sequence, Outcome sofar) {
        int applied = sofar.applied();
        for (DeadLetter letter : sequence) {
            try {
                handle(letter);
            } catch (Exception e) {
                log.warn("Retry of event {} in view {} failed again", letter.globalSequence(), letter.view(), e);
                letters.failedAgain(letter, String.valueOf(e));
                return new Outcome(letter.view(), letter.plan(), applied, letter);
            }
            letters.retried(letter);
            applied++;
        }
        return new Outcome(sofar.view(), sofar.plan(), applied, null);
    }

    /** The parked letters per view and plan, each in order of global sequence. */
    private List<List<DeadLetter>> sequences(String view, String plan) {
        Map<String, List<DeadLetter>> sequences = new LinkedHashMap<>();
        for (DeadLetter letter : letters.all()) {
            if ((view == null || view.equals(letter.view())) && (plan == null || plan.equals(letter.plan()))) {
                sequences.computeIfAbsent(letter.view() + "/" + letter.plan(), k -> new ArrayList<>()).add(letter);
            }
        }
        return List.copyOf(sequences.values());
    }

    private void handle(DeadLetter letter) throws Exception {
        TrackingEventProcessor processor = processing.eventProcessor(letter.view(), TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No view " + letter.view()));
        EventMessage<?> event = event(letter.globalSequence());
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.resources().put(DeadLettering.RETRYING, Boolean.TRUE);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                viewInterceptors(processor), message -> {
                    processor.eventHandlerInvoker().handle(message, Segment.ROOT_SEGMENT);
                    return null;
                }).proceed());
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof Exception exception ? exception : new IllegalStateException(cause);
        }
    }

    /**
     * The view's own interceptors (its batch writes, dead-lettering, metrics), not the processor's: the tracking
     * processor's stores its token in the unit of work's commit, from resources only its own units of work have.
     */
    private static List<MessageHandlerInterceptor<? super EventMessage<?>>> viewInterceptors(
            TrackingEventProcessor processor) {
        return processor.getHandlerInterceptors().stream()
                .filter(interceptor -> !interceptor.getClass().getName().startsWith("org.axonframework."))
                .toList();
    }

    private TrackedEventMessage<?> event(long sequence) {
        Optional<? extends TrackedEventMessage<?>> found = events
                .readEvents(GapAwareTrackingToken.newInstance(sequence - 1, List.of()), false)
                .takeWhile(message -> RecordedEvent.globalSequence(message) <= sequence)
                .filter(message -> RecordedEvent.globalSequence(message) == sequence).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("Event " + sequence + " is not in the store"));
    }
}

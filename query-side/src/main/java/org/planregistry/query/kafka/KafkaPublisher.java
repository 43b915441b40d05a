package org.planregistry.query.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.event.RecordedEvent;
import org.planregistry.query.eventstream.PlanCloudEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes every plan event to Kafka as its CloudEvent (the envelope of the HTTP feed, {@link PlanCloudEvents}),
 * keyed by plan code, from a tracking processor of its own ({@value #PROCESSING_GROUP}) whose token is kept in the
 * token store: a restart resumes where the last acknowledged batch ended (docs/kafka.md).
 *
 * <p>At least once: the events of a batch are sent as they are handled and all acknowledgements are awaited while
 * handling the batch's last event, before the processor stores its token. A send that fails or is not acknowledged
 * in time fails the handler; the query side's {@code PropagatingErrorHandler} rethrows, the batch is rolled back and
 * handled again after a back-off, so an event is repeated, never skipped. Order per plan holds because one
 * idempotent producer sends everything in the processor's order and a batch is complete before the next begins.
 *
 * <p>Replays are allowed on purpose: resetting this processor's token republishes the store from the reset position.
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, CloudEvent> template;
    private final PlanCloudEvents cloudEvents;
    private final String topic;
    private final Duration ackTimeout;
    private final long logEvery;
    private final AtomicLong published = new AtomicLong();
    private volatile long lastLogged;

    public KafkaPublisher(KafkaTemplate<String, CloudEvent> template, PlanCloudEvents cloudEvents, String topic,
                          Duration ackTimeout, long logEvery) {
        this.template = template;
        this.cloudEvents = cloudEvents;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.logEvery = Math.max(1, logEvery);
        log.info("Publishing every plan event to Kafka topic {} as structured CloudEvents", topic);
    }

    @EventHandler
    void on(PlanEvent event, EventMessage<?> message) {
        CloudEvent cloudEvent = cloudEvents.of(message);
        long sequence = RecordedEvent.globalSequence(message);
        CompletableFuture<SendResult<String, CloudEvent>> ack =
                template.send(new ProducerRecord<>(topic, event.planCode(), cloudEvent));
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (unitOfWork == null) {
            awaitAll(List.of(new Pending(sequence, ack)));
            return;
        }
        List<Pending> pending = unitOfWork.root().getOrComputeResource(PENDING, key -> new ArrayList<Pending>());
        pending.add(new Pending(sequence, ack));
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            unitOfWork.root().resources().remove(PENDING);
            awaitAll(pending);
        }
    }

    /** How many events this instance has published (acknowledged) since it started. */
    public long published() {
        return published.get();
    }

    /** Waits for every send of the batch; the first failure fails the handler, so the batch is handled again. */
    private void awaitAll(List<Pending> pending) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Pending send : pending) {
            try {
                send.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaPublishingException("interrupted while awaiting the acknowledgement of sequence "
                        + send.sequence(), e);
            } catch (ExecutionException e) {
                throw new KafkaPublishingException("Kafka did not accept the event at sequence " + send.sequence()
                        + " for topic " + topic, e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaPublishingException("Kafka did not acknowledge the event at sequence "
                        + send.sequence() + " within " + ackTimeout, e);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        long total = published.addAndGet(pending.size());
        if (total / logEvery > lastLogged / logEvery) {
            log.info("Kafka: published up to sequence {} ({} events since start)",
                    pending.get(pending.size() - 1).sequence(), total);
        }
        lastLogged = total;
    }

    private record Pending(long sequence, CompletableFuture<SendResult<String, CloudEvent>> ack) {
    }

    /** A send Kafka refused or did not acknowledge: the event is handled again, not skipped. */
    static class KafkaPublishingException extends RuntimeException {

        KafkaPublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

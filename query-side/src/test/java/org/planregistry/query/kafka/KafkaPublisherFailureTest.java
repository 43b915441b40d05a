package org.planregistry.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.eventstream.PlanCloudEvents;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * A send the broker refuses fails the handler, so the tracking processor rolls the batch back (its token does not
 * move) and handles it again: an event is repeated, never skipped. Sends of a batch go out as they are handled and
 * are awaited at the batch's last event.
 */
class KafkaPublisherFailureTest {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, CloudEvent> template = mock(KafkaTemplate.class);
    private final PlanCloudEvents cloudEvents = mock(PlanCloudEvents.class);
    private final KafkaPublisher publisher = new KafkaPublisher(template, cloudEvents, "plan-registry.events",
            Duration.ofSeconds(5), 1);

    @Test
    void aRefusedSendFailsTheHandler() {
        when(template.send(any(ProducerRecord.class))).thenReturn(refused());
        EventMessage<?> message = message(7, 1);

        assertThatThrownBy(() -> publisher.on((PlanEvent) message.getPayload(), message))
                .isInstanceOf(KafkaPublisher.KafkaPublishingException.class)
                .hasMessageContaining("sequence 7")
                .hasCauseInstanceOf(NotEnoughReplicasException.class);
        assertThat(publisher.published()).isZero();
    }

    @Test
    void aBatchIsSentAsItIsHandledAndFailsAtItsLastEventIfAnySendFailed() {
        when(template.send(any(ProducerRecord.class)))
                .thenReturn(acknowledged(), refused(), acknowledged());
        List<EventMessage<?>> batch = List.of(message(10, 1), message(11, 2), message(12, 3));
        List<Integer> handled = new ArrayList<>();

        ResultMessage<?> result = new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
            EventMessage<?> message = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            verify(template, times(handled.size())).send(any(ProducerRecord.class));
            publisher.on((PlanEvent) message.getPayload(), message);
            handled.add(handled.size());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(handled).as("the first two events are sent without waiting").hasSize(2);
        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(KafkaPublisher.KafkaPublishingException.class)
                .hasMessageContaining("sequence 11");
        verify(template, times(3)).send(any(ProducerRecord.class));
        assertThat(publisher.published()).isZero();
    }

    @Test
    void aBatchWhoseSendsAreAllAcknowledgedCompletes() {
        when(template.send(any(ProducerRecord.class))).thenReturn(acknowledged());
        List<EventMessage<?>> batch = List.of(message(20, 1), message(21, 2));

        ResultMessage<?> result = new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
            EventMessage<?> message = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            publisher.on((PlanEvent) message.getPayload(), message);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(result.isExceptional()).isFalse();
        assertThat(publisher.published()).isEqualTo(2);
    }

    private static EventMessage<?> message(long globalSequence, long version) {
        PlanEvent event = new GoalAdoptedEvent("KAFKA-FAIL", "G" + version, "目标", 2025, null,
                LocalDate.of(2022, 1, 1), null, null);
        return new GenericDomainEventMessage<>("Plan", "KAFKA-FAIL", version, event,
                Map.of(MongoEventStorageEngine.GLOBAL_SEQUENCE, globalSequence), "KAFKA-FAIL-" + version,
                Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static CompletableFuture<SendResult<String, CloudEvent>> refused() {
        return CompletableFuture.failedFuture(new NotEnoughReplicasException("not enough in-sync replicas"));
    }

    private static CompletableFuture<SendResult<String, CloudEvent>> acknowledged() {
        return CompletableFuture.completedFuture(null);
    }
}

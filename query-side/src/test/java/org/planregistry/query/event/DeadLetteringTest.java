package org.planregistry.query.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.TestMongo;

/**
 * One event of a batch that cannot be projected is undone and parked with its plan's later events; the rest of the
 * batch is written once, and the batch is not failed (and so not handled again and again).
 */
class DeadLetteringTest {

    private static final TestMongo MONGO = TestMongo.start();
    private static final MongoClient CLIENT = MongoClients.create(MONGO.uri("letters"));
    private static final List<List<Long>> WRITTEN = new ArrayList<>();

    private final MongoDatabase database = CLIENT.getDatabase("letters");
    private final DeadLetters letters = new DeadLetters(database, Clock.systemUTC());

    /** The sequences a batch applied; an event's own are undone when it fails. */
    static final class Applied implements EventBatch.Changes {

        final List<Long> sequences = new ArrayList<>();
        private int atSavepoint;

        @Override
        public void write() {
            WRITTEN.add(List.copyOf(sequences));
        }

        @Override
        public void savepoint() {
            atSavepoint = sequences.size();
        }

        @Override
        public void rollBack() {
            sequences.subList(atSavepoint, sequences.size()).clear();
        }
    }

    @BeforeEach
    void empty() {
        database.getCollection("dead_letters").deleteMany(new org.bson.Document());
        WRITTEN.clear();
    }

    @AfterAll
    static void stopServer() {
        CLIENT.close();
        MONGO.close();
    }

    @Test
    void aFailingEventIsUndoneAndParkedWithItsPlansLaterEventsAndTheBatchGoesOn() {
        List<EventMessage<?>> events = List.of(event("A", 1), event("B", 2), event("B", 3), event("C", 4));

        ResultMessage<?> result = handle(events, 2L);

        assertThat(result.isExceptional()).as("the batch is not failed").isFalse();
        assertThat(WRITTEN).as("written once, without the failed event's change nor the one behind it")
                .containsExactly(List.of(1L, 4L));
        List<DeadLetter> parked = letters.all();
        assertThat(parked).extracting(DeadLetter::globalSequence).containsExactly(2L, 3L);
        assertThat(parked.get(0).cause()).contains("cannot project 2");
        assertThat(parked.get(0).attempts()).isEqualTo(1);
        assertThat(parked.get(1).behind()).isEqualTo(2L);

        // The same batch handled again (its write failed, say): the same written, nothing parked twice.
        assertThat(handle(events, 2L).isExceptional()).isFalse();
        assertThat(WRITTEN).containsExactly(List.of(1L, 4L), List.of(1L, 4L));
        assertThat(letters.all()).hasSize(2);
    }

    @Test
    void aFailureOfTheStoreFailsTheBatchInsteadOfParkingTheEvent() {
        ResultMessage<?> result = handleWith(List.of(event("A", 1), event("B", 2)), message -> {
            throw new MongoSocketReadException("the store went away", new ServerAddress());
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(WRITTEN).isEmpty();
        assertThat(letters.all()).isEmpty();
    }

    private ResultMessage<?> handle(List<EventMessage<?>> events, long failing) {
        return handleWith(events, message -> {
            long sequence = RecordedEvent.globalSequence(message);
            EventBatch.changes(Applied.class, batch -> new Applied()).sequences.add(sequence);
            if (sequence == failing) {
                throw new IllegalStateException("cannot project " + sequence);
            }
            return null;
        });
    }

    private ResultMessage<?> handleWith(List<EventMessage<?>> events, MessageHandler<EventMessage<?>> handler) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        return batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch,
                List.of(EventBatch.writesAtEnd(Applied.class), letters.isolating("view", Applied.class)),
                handler).proceed());
    }

    private static EventMessage<?> event(String plan, long sequence) {
        return GenericEventMessage.asEventMessage(new MilestoneSetEvent(plan, "I01", 2023, null,
                BigDecimal.valueOf(sequence), LocalDate.of(2023, 1, 1), null, null))
                .andMetaData(Map.of(MongoEventStorageEngine.GLOBAL_SEQUENCE, sequence));
    }
}

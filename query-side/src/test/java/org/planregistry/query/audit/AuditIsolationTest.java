package org.planregistry.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.query.consistency.ViewProgress;
import org.planregistry.query.event.DeadLetter;
import org.planregistry.query.event.DeadLetters;
import org.planregistry.query.event.EventBatch;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * An event of an audit batch that fails after the audit projection described it leaves nothing behind: no entry, no
 * remembered facts; the rest of the batch is written.
 */
class AuditIsolationTest {

    private static final TestMongo MONGO = TestMongo.start();
    private static final MongoClient CLIENT = MongoClients.create(MONGO.uri("audit"));

    @AfterAll
    static void stopServer() {
        CLIENT.close();
        MONGO.close();
    }

    @Test
    void aFailedEventIsUndoneFromTheAuditBatch() {
        MongoDatabase database = CLIENT.getDatabase("audit");
        DeadLetters letters = new DeadLetters(database, Clock.systemUTC());
        // no processor here: the log's head (from the processors' progress) is not what this test reads
        AuditStore store = new AuditStore(database, new StaticListableBeanFactory().getBeanProvider(ViewProgress.class),
                letters);
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new AuditProjection(store));
        List<EventMessage<?>> events = List.of(amended("A", 1), amended("B", 2), amended("C", 3));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);

        ResultMessage<?> result = batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch,
                List.of(EventBatch.writesAtEnd(AuditChanges.class), letters.isolating("audit", AuditChanges.class)),
                (MessageHandler<EventMessage<?>>) message -> {
                    projection.handle(message);
                    if (((TaskAmendedEvent) message.getPayload()).planCode().equals("B")) {
                        throw new IllegalStateException("a later handler of the view fails");
                    }
                    return null;
                }).proceed());

        assertThat(result.isExceptional()).isFalse();
        assertThat(database.getCollection("audit").find().map(doc -> doc.get("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder(1L, 3L);
        assertThat(database.getCollection("audit_memory").find().map(doc -> doc.getString("_id"))
                .into(new ArrayList<>())).containsExactlyInAnyOrder("A|task|T1", "C|task|T1");
        assertThat(letters.all()).extracting(DeadLetter::globalSequence).containsExactly(2L);
        assertThat(database.getCollection("audit").countDocuments(new Document("plan", "B"))).isZero();
    }

    private static EventMessage<?> amended(String plan, long sequence) {
        TaskAmendedEvent event = new TaskAmendedEvent(plan, "T1", "title " + plan, "text " + plan,
                LocalDate.of(2024, 1, 1), "reworded", null);
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(sequence),
                GenericEventMessage.asEventMessage(event).andMetaData(Map.of("actor", "registrar.li",
                        "role", "REGISTRAR")));
    }
}

package org.planregistry.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.query.consistency.ViewProgress;
import org.planregistry.query.kafka.KafkaTestRegistrar.Recorded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side with the {@code kafka} profile against an embedded KRaft broker and its own embedded store: every
 * event recorded in the store arrives on the topic as a structured CloudEvent keyed by plan, in order per plan, and
 * nothing is lost when the publisher is stopped mid-stream and started again. Each test uses its own plan codes and
 * reads the topic from the beginning with a plain consumer.
 */
@SpringBootTest(properties = {
        "axoniq.update-checker.disabled=true",
        "registry.users.operator.password=operator-test-password",
        "registry.users.reader.password=reader-test-password",
        "registry.users.auditor.password=auditor-test-password",
        "registry.eventstore.fetch-delay=20ms",
        "registry.public-url=https://registry.example.org",
        "registry.kafka.log-every=50",
        "logging.level.org.axonframework=WARN",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "logging.level.org.apache.zookeeper=WARN",
        "logging.level.state.change.logger=WARN",
        "logging.level.de.bwaldvogel=WARN",
        "logging.level.org.mongodb.driver=WARN"})
@ActiveProfiles("kafka")
@EmbeddedKafka(kraft = true, partitions = 3, topics = KafkaPublisherTest.TOPIC,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaPublisherTest {

    static final String TOPIC = "plan-registry.events";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TestMongo MONGO = TestMongo.start();

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ViewProgress views;
    private KafkaTestRegistrar registrar;
    private KafkaConsumer<String, CloudEvent> consumer;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> MONGO.uri("registry"));
    }

    @BeforeEach
    void setUp() {
        registrar = new KafkaTestRegistrar(eventStore);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new CloudEventDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    @Test
    @Order(1)
    void everyEventArrivesAsAStructuredCloudEventInOrderPerPlan() {
        List<String> plans = List.of("KAFKA-ORDER-A", "KAFKA-ORDER-B", "KAFKA-ORDER-C");
        List<Recorded> recorded = new ArrayList<>();
        // Interleaved, and more events than one batch of the publisher (100).
        for (int i = 0; i < 50; i++) {
            for (String plan : plans) {
                recorded.add(registrar.recordNext(plan));
            }
        }

        List<ConsumerRecord<String, CloudEvent>> received = receive(Set.copyOf(plans), ids(recorded));

        assertThat(received).allSatisfy(record -> {
            assertThat(headers(record)).as("structured mode: the envelope is the value, no ce_ headers")
                    .containsOnlyKeys("content-type");
            assertThat(headers(record).get("content-type")).startsWith("application/cloudevents+json");
            assertThat(record.key()).isEqualTo(record.value().getSource().getPath().substring("/plans/".length()));
        });
        Map<String, CloudEvent> byId = firstById(received);
        for (Recorded event : recorded) {
            CloudEvent cloudEvent = byId.get(event.id());
            assertThat(cloudEvent.getId()).isEqualTo(event.id());
            assertThat(cloudEvent.getSource()).isEqualTo(URI.create("/plans/" + event.plan()));
            assertThat(cloudEvent.getType()).isEqualTo(event.version() == 0
                    ? "org.planregistry.plan.PlanAdopted.v1" : "org.planregistry.plan.GoalAdopted.v1");
            assertThat(cloudEvent.getSubject()).isEqualTo(event.version() == 0 ? "plan" : "goal/G" + event.version());
            assertThat(cloudEvent.getExtension("sequence")).isEqualTo(String.format("%019d", event.globalSequence()));
            assertThat(String.valueOf(cloudEvent.getExtension("planversion"))).isEqualTo(String.valueOf(event.version()));
            assertThat(cloudEvent.getDataContentType()).isEqualTo("application/json");
            assertThat(new String(cloudEvent.getData().toBytes(), StandardCharsets.UTF_8))
                    .contains("\"planCode\":\"" + event.plan() + "\"");
        }
        for (String plan : plans) {
            assertThat(idsInOrder(received, plan)).as("order of plan %s", plan)
                    .containsExactlyElementsOf(ids(recorded.stream().filter(r -> r.plan().equals(plan)).toList()));
        }
        assertThat(processing.listenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP))
                .as("a failed send fails the handler and the batch is retried, never skipped")
                .isSameAs(PropagatingErrorHandler.instance());
    }

    @Test
    @Order(4)
    void aViewRebuildLeavesThePublisherAlone() {
        assertThat(views.views()).contains("audit", "plan-timeline").doesNotContain(KafkaPublisher.PROCESSING_GROUP);
        assertThat(processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, TrackingEventProcessor.class))
                .isPresent();
    }

    @Test
    @Order(2)
    void stoppedMidStreamAndStartedAgainNothingIsLost() throws Exception {
        List<String> plans = List.of("KAFKA-RESTART-A", "KAFKA-RESTART-B");
        TrackingEventProcessor publisher = publisher();
        List<Recorded> recorded = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> IntStream.range(0, 150).forEach(i -> plans.forEach(plan ->
                recorded.add(registrar.recordNext(plan)))), "test-writer");
        writer.start();

        // Stop the publisher once it has published some of the events while more are still being recorded.
        awaitUntil(() -> recorded.size() > 40 && position(publisher) >= recorded.get(40).globalSequence());
        publisher.shutDown();
        int recordedAtStop = recorded.size();
        writer.join(PATIENCE.toMillis());
        assertThat(writer.isAlive()).isFalse();
        assertThat(recorded).hasSize(300);
        assertThat(recordedAtStop).as("stopped mid-stream").isLessThan(300);

        List<ConsumerRecord<String, CloudEvent>> whileStopped = poll(Set.copyOf(plans), Duration.ofSeconds(2));
        assertThat(Set.copyOf(idsOf(whileStopped))).as("published before the stop")
                .hasSizeGreaterThan(40).hasSizeLessThan(300);

        publisher.start();
        List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>(whileStopped);
        received.addAll(receive(Set.copyOf(plans), missing(ids(recorded), whileStopped)));

        assertThat(Set.copyOf(idsOf(received))).containsExactlyInAnyOrderElementsOf(ids(recorded));
        int duplicates = assertRepeatsAreExact(received);
        System.out.printf("Restart: %d events, %d received, %d duplicates%n", recorded.size(), received.size(),
                duplicates);
        for (String plan : plans) {
            assertThat(idsInOrder(received, plan)).as("order of plan %s", plan)
                    .containsExactlyElementsOf(ids(recorded.stream().filter(r -> r.plan().equals(plan)).toList()));
        }
    }

    @Test
    @Order(3)
    void aResetRepublishesExactRepeats() {
        String plan = "KAFKA-RESET";
        List<Recorded> recorded = IntStream.range(0, 20).mapToObj(i -> registrar.recordNext(plan)).toList();
        List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>(receive(Set.of(plan), ids(recorded)));

        TrackingEventProcessor publisher = publisher();
        publisher.shutDown();
        publisher.resetTokens();
        publisher.start();
        awaitUntil(() -> {
            received.addAll(poll(Set.of(plan), Duration.ofMillis(200)));
            return received.size() >= 2 * recorded.size();
        });

        assertThat(assertRepeatsAreExact(received)).isGreaterThanOrEqualTo(recorded.size());
        assertThat(idsInOrder(received, plan)).containsExactlyElementsOf(ids(recorded));
    }

    private TrackingEventProcessor publisher() {
        return processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
    }

    private static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(p -> p.isPresent()).mapToLong(p -> p.getAsLong()).min().orElse(-1);
    }

    /** Reads the topic until every id of {@code expected} has arrived; only records of {@code plans} are kept. */
    private List<ConsumerRecord<String, CloudEvent>> receive(Set<String> plans, Collection<String> expected) {
        List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>();
        awaitUntil(() -> {
            received.addAll(poll(plans, Duration.ofMillis(200)));
            return Set.copyOf(idsOf(received)).containsAll(expected);
        });
        return received;
    }

    private List<ConsumerRecord<String, CloudEvent>> poll(Set<String> plans, Duration duration) {
        List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        do {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                if (plans.contains(record.key())) {
                    received.add(record);
                }
            });
        } while (System.nanoTime() < end);
        return received;
    }

    /** Every repeat of an id must be the same CloudEvent; returns how many repeats there were. */
    private static int assertRepeatsAreExact(List<ConsumerRecord<String, CloudEvent>> received) {
        Map<String, CloudEvent> first = firstById(received);
        for (ConsumerRecord<String, CloudEvent> record : received) {
            assertThat(record.value()).as("repeat of %s", record.value().getId())
                    .isEqualTo(first.get(record.value().getId()));
        }
        return received.size() - first.size();
    }

    private static Map<String, CloudEvent> firstById(List<ConsumerRecord<String, CloudEvent>> received) {
        Map<String, CloudEvent> first = new LinkedHashMap<>();
        received.forEach(record -> first.putIfAbsent(record.value().getId(), record.value()));
        return first;
    }

    /** The ids of one plan's records in the order they arrived, each at its first arrival. */
    private static List<String> idsInOrder(List<ConsumerRecord<String, CloudEvent>> received, String plan) {
        return received.stream().filter(record -> record.key().equals(plan)).map(record -> record.value().getId())
                .distinct().toList();
    }

    private static List<String> idsOf(List<ConsumerRecord<String, CloudEvent>> received) {
        return received.stream().map(record -> record.value().getId()).toList();
    }

    private static List<String> ids(List<Recorded> recorded) {
        return recorded.stream().map(Recorded::id).toList();
    }

    private static List<String> missing(List<String> expected, List<ConsumerRecord<String, CloudEvent>> received) {
        Set<String> seen = Set.copyOf(idsOf(received));
        return expected.stream().filter(id -> !seen.contains(id)).toList();
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", PATIENCE).isLessThan(end);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

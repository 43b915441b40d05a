package org.planregistry.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.planregistry.eventstore.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without the {@code kafka} profile the query side starts with no broker and creates no Kafka client or admin. */
@SpringBootTest(properties = {
        "axoniq.update-checker.disabled=true",
        "registry.users.operator.password=operator-test-password",
        "registry.users.reader.password=reader-test-password",
        "registry.users.auditor.password=auditor-test-password",
        "registry.eventstore.fetch-delay=20ms",
        "registry.public-url=https://registry.example.org",
        "logging.level.org.axonframework=WARN",
        "logging.level.de.bwaldvogel=WARN",
        "logging.level.org.mongodb.driver=WARN"})
class NoKafkaWithoutProfileTest {

    private static final TestMongo MONGO = TestMongo.start();

    @Autowired
    ApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> MONGO.uri("registry"));
    }

    @Test
    void noKafkaBeanAndNoPublisher() {
        assertThat(context.getBeansOfType(KafkaTemplate.class)).isEmpty();
        assertThat(context.getBeansOfType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBeansOfType(KafkaAdmin.class)).isEmpty();
        assertThat(context.getBeansOfType(KafkaProperties.class)).isEmpty();
        assertThat(context.getBeansOfType(KafkaPublisher.class)).isEmpty();
        assertThat(processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP)).isEmpty();
        assertThat(processing.eventProcessor("audit")).isPresent();
    }
}

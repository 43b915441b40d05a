package org.planregistry.query.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.planregistry.query.consistency.NotAView;
import org.planregistry.query.eventstream.PlanCloudEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka producer of the {@code kafka} profile (docs/kafka.md); without that profile the query side has no Kafka
 * bean at all: Spring Boot's Kafka auto-configuration is excluded ({@code QuerySideApplication}) and this
 * configuration builds the one producer the publisher needs.
 *
 * <p>The {@code spring.kafka.*} properties (bootstrap servers, security, SSL bundle, other producer properties) are
 * honoured; what the publisher's guarantees rest on is then set here and cannot be overridden: acknowledgement by
 * every in-sync replica, the idempotent producer with at most five requests in flight (so a retried send cannot
 * overtake a later one of the same plan), and the CloudEvents Kafka binding in structured mode.
 */
@Configuration(proxyBeanMethods = false)
@Profile("kafka")
@EnableConfigurationProperties(KafkaProperties.class)
class KafkaPublishingConfiguration {

    static final String STRUCTURED_JSON = JsonFormat.CONTENT_TYPE;

    @Bean
    ProducerFactory<String, CloudEvent> cloudEventProducerFactory(KafkaProperties properties,
                                                                  ObjectProvider<SslBundles> sslBundles) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties(sslBundles.getIfAvailable()));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED.name());
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, STRUCTURED_JSON);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.merge(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                (configured, most) -> Math.min(Integer.parseInt(configured.toString()), 5));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "plan-registry-kafka-publisher");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, CloudEvent> cloudEventKafkaTemplate(ProducerFactory<String, CloudEvent> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    /** A view rebuild must not reset the publisher: that would publish the whole store again (docs/kafka.md). */
    @Bean
    NotAView kafkaPublisherIsNotAView() {
        return new NotAView(KafkaPublisher.PROCESSING_GROUP);
    }

    @Bean
    KafkaPublisher kafkaPublisher(KafkaTemplate<String, CloudEvent> template,
                                  PlanCloudEvents cloudEvents,
                                  @Value("${registry.kafka.topic:plan-registry.events}") String topic,
                                  @Value("${registry.kafka.ack-timeout:150s}") Duration ackTimeout,
                                  @Value("${registry.kafka.log-every:1000}") long logEvery) {
        return new KafkaPublisher(template, cloudEvents, topic, ackTimeout, logEvery);
    }
}

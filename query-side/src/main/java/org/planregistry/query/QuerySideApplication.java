package org.planregistry.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;

/**
 * The registry's read side: tracking processors keep temporal views; evaluators and auditors query them. Spring
 * Boot's Kafka auto-configuration is off: Kafka is used only under the {@code kafka} profile, whose beans are in
 * {@code org.planregistry.query.kafka} (docs/kafka.md), so without it no Kafka client or admin exists.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        // No outside network here or in most government deployments: Axon must not phone home at start-up.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(QuerySideApplication.class, args);
    }
}

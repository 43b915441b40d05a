package org.planregistry.eventstore.operations;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The event store answers: a {@code ping} to the registry's database. Spring Boot's own MongoDB indicator sends
 * {@code hello}, which the embedded MongoDB-protocol server does not know, so it is switched off
 * ({@code management.health.mongo.enabled=false}) in favour of this one, which works on both.
 */
class StoreHealth extends AbstractHealthIndicator {

    private final MongoDatabase registryDatabase;

    StoreHealth(MongoDatabase registryDatabase) {
        super("the event store did not answer");
        this.registryDatabase = registryDatabase;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long started = System.nanoTime();
        registryDatabase.runCommand(new Document("ping", 1));
        builder.up().withDetail("database", registryDatabase.getName())
                .withDetail("pingMs", (System.nanoTime() - started) / 1_000_000);
    }
}

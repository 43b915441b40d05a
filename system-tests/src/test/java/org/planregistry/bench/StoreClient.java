package org.planregistry.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.RawBsonDocument;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.upcasting.IndicatorTargetRevisedEvent1_to_2Upcaster;

/**
 * The benchmark's own connection to a store whose server and applications run in other processes: a driver client
 * and a {@link MongoEventStorageEngine} built as {@code EventStoreAutoConfiguration} builds the applications' (the
 * same JSON for events and snapshots, the same upcaster), so that events appended here get the global sequence,
 * keys and hash chain the command side gives its own, and reads here decode what the applications stored.
 */
final class StoreClient implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;
    private final MongoEventStorageEngine engine;

    StoreClient(String connectionString, String database) {
        this.client = MongoClients.create(connectionString);
        this.database = client.getDatabase(database);
        // No transactions: the embedded server has none, and the applications find that out and do without.
        this.engine = MongoEventStorageEngine.builder().database(this.database)
                .eventSerializer(JacksonSerializer.builder().objectMapper(EventJson.mapper()).build())
                .snapshotSerializer(JacksonSerializer.builder().objectMapper(EventJson.snapshotMapper()).build())
                .upcasterChain(new EventUpcasterChain(new IndicatorTargetRevisedEvent1_to_2Upcaster()))
                .build();
        engine.ensureIndexes();
    }

    MongoEventStorageEngine engine() {
        return engine;
    }

    /** The events collection as raw documents, for the baselines that read without decoding. */
    MongoCollection<RawBsonDocument> rawEvents() {
        return database.getCollection("events", RawBsonDocument.class);
    }

    /** Another database on the same server: raw baselines and warm-ups stay out of the registry's. */
    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
    }
}

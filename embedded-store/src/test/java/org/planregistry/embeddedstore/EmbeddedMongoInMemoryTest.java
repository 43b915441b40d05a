package org.planregistry.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What other modules' tests rely on: a throw-away server on a free port that a driver can use at once. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedMongoInMemoryTest {

    @Test
    void inMemoryServerOnAFreePortServesADriverAndStopsListeningWhenClosed() {
        int port;
        try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory(0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            port = mongo.port();
            assertThat(port).isPositive();
            assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
            assertThat(mongo.durableBackend()).isNull();

            MongoCollection<Document> plans = client.getDatabase("planregistry").getCollection("plans");
            plans.insertOne(new Document("_id", "plan-1").append("title", "Coastal resilience"));
            assertThat(plans.find().first()).isEqualTo(new Document("_id", "plan-1")
                    .append("title", "Coastal resilience"));
            mongo.close();
            mongo.close();
        }
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        }).isInstanceOf(IOException.class);
    }
}

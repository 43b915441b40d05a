package org.planregistry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Transactions for commits of several events where the store has them, read from the server's handshake. */
class StoreTopologyTest {

    @Test
    void theEmbeddedServerIsStandaloneSoCommitsAreOrderedInserts() {
        try (TestMongo mongo = TestMongo.start(); MongoClient client = MongoClients.create(mongo.uri("topology"))) {
            StoreTopology topology = StoreTopology.of(client.getDatabase("topology"));

            assertThat(topology).isEqualTo(new StoreTopology("standalone server", false));
            assertThat(EventStoreAutoConfiguration.useTransactions("auto", client.getDatabase("topology"))).isFalse();
            assertThat(EventStoreAutoConfiguration.useTransactions("on", client.getDatabase("topology"))).isTrue();
            assertThatThrownBy(() -> EventStoreAutoConfiguration.useTransactions("sometimes",
                    client.getDatabase("topology"))).hasMessageContaining("auto, on or off");
        }
    }

    @Test
    void aReplicaSetMemberOrARouterHasTransactions() {
        // The answers of MongoDB 7 to "hello", as its documentation shows them (no replica set runs here).
        assertThat(StoreTopology.of(Document.parse("{isWritablePrimary: true, setName: 'rs0', hosts: ['mongo1:27017',"
                + " 'mongo2:27017', 'mongo3:27017'], maxWireVersion: 21, ok: 1}")))
                .isEqualTo(new StoreTopology("replica set rs0", true));
        assertThat(StoreTopology.of(Document.parse("{isWritablePrimary: true, msg: 'isdbgrid', maxWireVersion: 21,"
                + " ok: 1}"))).isEqualTo(new StoreTopology("sharded cluster", true));
        assertThat(StoreTopology.of(Document.parse("{isWritablePrimary: true, maxWireVersion: 21, ok: 1}")))
                .isEqualTo(new StoreTopology("standalone server", false));
    }
}

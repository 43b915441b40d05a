package org.planregistry.eventstore;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * What kind of MongoDB the registry talks to, as far as it matters for writing events: a replica set member or a
 * sharded cluster's router has multi-document transactions, a standalone server (the embedded one included) has
 * none. Read from the server's own handshake answer.
 */
public record StoreTopology(String kind, boolean transactions) {

    /** Asks the server ({@code hello}, or {@code isMaster} where that is unknown, as on the embedded server). */
    public static StoreTopology of(MongoDatabase database) {
        Document answer;
        try {
            answer = database.runCommand(new Document("hello", 1));
        } catch (MongoCommandException e) {
            answer = database.runCommand(new Document("isMaster", 1));
        }
        return of(answer);
    }

    /** Reads a handshake answer: {@code setName} names a replica set, {@code msg: isdbgrid} a router. */
    public static StoreTopology of(Document handshake) {
        if (handshake.getString("setName") != null) {
            return new StoreTopology("replica set " + handshake.getString("setName"), true);
        }
        if ("isdbgrid".equals(handshake.getString("msg"))) {
            return new StoreTopology("sharded cluster", true);
        }
        return new StoreTopology("standalone server", false);
    }
}

package org.planregistry.eventstore;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An embedded MongoDB-protocol server on a free TCP port, for tests: the real driver talks to it over the network,
 * as it would to MongoDB. Memory-backed; the durable file backend has its own tests.
 */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private TestMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        address = server.getLocalAddress();
    }

    public static TestMongo start() {
        return new TestMongo();
    }

    /** A connection string for the given database on this server. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}

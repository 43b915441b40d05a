package org.planregistry.eventstore.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ScratchBenchTest {
    static final String PAYLOAD = "p".repeat(450);

    static void run(String label, String uri, Path file, int n) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("events");
            for (int i = 0; i < 500; i++) c.insertOne(new Document("_id", new org.bson.types.ObjectId()).append("payload", PAYLOAD));
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) c.insertOne(new Document("_id", new org.bson.types.ObjectId()).append("seq", i).append("payload", PAYLOAD + i));
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("BENCH %s: %d inserts in %.2f s = %.0f/s, file %s%n", label, n, s, n / s,
                    file == null ? "-" : Files.size(file) / 1024 + " KiB");
        }
    }

    @Test
    void bench() throws Exception {
        int n = Integer.getInteger("bench.n", 5000);
        Path dir = Files.createTempDirectory("bench");
        try (EmbeddedMongo m = EmbeddedMongo.start(0, dir.resolve("a"))) {
            run("durable+oplog", m.connectionString(), m.durableBackend().storeFile(), n);
            java.util.Map<String, Integer> hist = new java.util.concurrent.ConcurrentHashMap<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (var e : Thread.getAllStackTraces().entrySet()) {
                        if (!e.getKey().getName().startsWith("mongo-server-worker")) continue;
                        StackTraceElement[] st = e.getValue();
                        StringBuilder sb = new StringBuilder();
                        int k = 0;
                        for (StackTraceElement el : st) {
                            String c = el.getClassName();
                            if (c.startsWith("org.h2") || c.startsWith("de.bwaldvogel") || c.startsWith("org.planregistry")) {
                                sb.append(c.substring(c.lastIndexOf('.') + 1)).append('.').append(el.getMethodName()).append(':').append(el.getLineNumber()).append(" < ");
                                if (++k == 7) break;
                            }
                        }
                        if (sb.length() > 0) hist.merge(sb.toString(), 1, Integer::sum);
                    }
                    try { Thread.sleep(5); } catch (InterruptedException ex) { return; }
                }
            });
            //sampler.start();
            run("durable+oplog-2nd", m.connectionString(), m.durableBackend().storeFile(), n);
            sampler.interrupt();
            hist.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .forEach(e -> System.out.println("PROF " + e.getValue() + " " + e.getKey()));
            System.out.println("BENCH housekeeping runs " + m.durableBackend().housekeepingRuns() + " rewrite ms " + m.durableBackend().tRewrite.get() / 1000000 + " move ms " + m.durableBackend().tMove.get() / 1000000);
        }
        System.out.println("BENCH after close " + Files.size(dir.resolve("a").resolve(DurableH2Backend.STORE_FILE_NAME)) / 1024);
        DurableH2Backend b = DurableH2Backend.open(dir.resolve("b"));
        MongoServer s = new MongoServer(b);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        run("durable-no-oplog", "mongodb://127.0.0.1:" + s.getLocalAddress().getPort(), b.storeFile(), n);
        System.out.println("BENCH no-oplog housekeeping runs " + b.housekeepingRuns() + " rewrite ms " + b.tRewrite.get() / 1000000 + " move ms " + b.tMove.get() / 1000000);
        s.shutdownNow();
        try (EmbeddedMongo m = EmbeddedMongo.startInMemory(0)) {
            run("memory+oplog", m.connectionString(), null, n);
        }
        Path f = dir.resolve("stock.mv");
        MongoServer st = new MongoServer(new H2Backend(f.toString()));
        st.enableOplog();
        st.bind(new InetSocketAddress("127.0.0.1", 0));
        run("stock-h2+oplog", "mongodb://127.0.0.1:" + st.getLocalAddress().getPort(), f, n);
        st.shutdownNow();
    }
}

package org.planregistry.system.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.system.RegistryApps;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Both applications on the embedded store with the Shenzhen plan imported, an evaluation opened and a finding
 * recorded, so that every command has something real to aim at.
 */
final class RegistryUnderTest implements AutoCloseable {

    static final String PLAN = "SZ-FIN-14FYP";

    final ConfigurableApplicationContext commandSide;
    final ConfigurableApplicationContext querySide;
    final byte[] planDocument;
    private final TestMongo mongo;
    private final MongoClient store;
    private final MongoCollection<Document> events;

    private RegistryUnderTest(TestMongo mongo, ConfigurableApplicationContext commandSide,
                              ConfigurableApplicationContext querySide, byte[] planDocument, MongoClient store) {
        this.mongo = mongo;
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.planDocument = planDocument;
        this.store = store;
        this.events = store.getDatabase("hostile").getCollection("events");
    }

    static RegistryUnderTest start() {
        TestMongo mongo = TestMongo.start();
        ConfigurableApplicationContext commandSide = RegistryApps.commandSide(mongo.uri("hostile"));
        ConfigurableApplicationContext querySide = RegistryApps.querySide(mongo.uri("hostile"));
        MongoClient store = MongoClients.create(mongo.uri("hostile"));
        byte[] document;
        try (InputStream yaml = RegistryUnderTest.class.getResourceAsStream("/plans/shenzhen-finance-14fyp.yaml")) {
            document = yaml.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RestClient registrar = RestClient.builder().baseUrl(RegistryApps.baseUrl(commandSide))
                .defaultHeaders(h -> h.setBasicAuth("registrar", RegistryApps.REGISTRAR_PASSWORD)).build();
        RestClient evaluator = RestClient.builder().baseUrl(RegistryApps.baseUrl(commandSide))
                .defaultHeaders(h -> h.setBasicAuth("evaluator", RegistryApps.EVALUATOR_PASSWORD)).build();
        registrar.post().uri("/api/plans/import").contentType(MediaType.parseMediaType("application/yaml"))
                .body(document).retrieve().toBodilessEntity();
        evaluator.post().uri("/api/plans/{plan}/evaluations", PLAN).contentType(MediaType.APPLICATION_JSON).body("""
                        {"id": "2023-annual", "kind": "ANNUAL", "evaluator": "深圳市某第三方评估机构",
                         "period": {"from": 2023, "to": 2023}, "effectiveFrom": "2024-03-01"}""")
                .retrieve().toBodilessEntity();
        evaluator.post().uri("/api/plans/{plan}/evaluations/2023-annual/findings", PLAN)
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5006.6",
                         "unit": "亿元", "assessment": "ON_TRACK", "effectiveFrom": "2024-03-15"}""")
                .retrieve().toBodilessEntity();
        RegistryUnderTest registry = new RegistryUnderTest(mongo, commandSide, querySide, document, store);
        // the query side has caught up with the plan before it is questioned
        RestClient.create(registry.queries()).get()
                .uri("/api/plans/{plan}?minSequence={seq}", PLAN, registry.events())
                .retrieve().toBodilessEntity();
        return registry;
    }

    @Override
    public void close() {
        store.close();
        querySide.close();
        commandSide.close();
        mongo.close();
    }

    String commands() {
        return RegistryApps.baseUrl(commandSide);
    }

    String queries() {
        return RegistryApps.baseUrl(querySide);
    }

    long events() {
        return events.countDocuments();
    }
}

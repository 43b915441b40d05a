package org.planregistry.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.signin.UsersFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real command side on a real HTTP port, against the embedded MongoDB-protocol server over TCP. Test classes
 * extend this so they share one store and one Spring context; each uses its own plan codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // metrics are exported (/actuator/prometheus) as in production
public abstract class CommandSideTest {

    protected static final String REGISTRAR_PASSWORD = "registrar-test-password";
    protected static final String EVALUATOR_PASSWORD = "evaluator-test-password";
    protected static final String OPERATOR_PASSWORD = "operator-test-password";
    protected static final String READER_PASSWORD = "reader-test-password";
    protected static final String AUDITOR_PASSWORD = "auditor-test-password";
    /** Named people (docs/security.md); tests add them with {@link UsersFile}. */
    protected static final Path USERS_FILE = usersFile();
    private static final TestMongo MONGO = TestMongo.start();

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected MongoDatabase database;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> MONGO.uri("command-tests"));
        registry.add("registry.users.registrar.password", () -> REGISTRAR_PASSWORD);
        registry.add("registry.users.evaluator.password", () -> EVALUATOR_PASSWORD);
        registry.add("registry.users.operator.password", () -> OPERATOR_PASSWORD);
        registry.add("registry.users.reader.password", () -> READER_PASSWORD);
        registry.add("registry.users.auditor.password", () -> AUDITOR_PASSWORD);
        registry.add("registry.users.file", USERS_FILE::toString);
    }


    private static Path usersFile() {
        try {
            return Files.createTempDirectory("command-side-users").resolve("users");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected TestRestTemplate registrar() {
        return http.withBasicAuth("registrar", REGISTRAR_PASSWORD);
    }

    protected TestRestTemplate evaluator() {
        return http.withBasicAuth("evaluator", EVALUATOR_PASSWORD);
    }

    protected TestRestTemplate operator() {
        return http.withBasicAuth("operator", OPERATOR_PASSWORD);
    }

    /** Events in the store, fillers of failed commits excluded. */
    protected long storedEvents() {
        return database.getCollection("events").countDocuments(new Document("filler", new Document("$ne", true)));
    }
}

package org.planregistry.eventstore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.GlobalSequence;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.TestMongo;

/**
 * Keeps docs/events.md true. Each event type has one {@code ### <SimpleName>} section whose field table names
 * exactly the record's fields and whose first {@code json} block equals the frozen fixture; the stored document
 * shown is what the event store writes for the documented metadata; every command the page names exists.
 */
class EventDocumentationTest {

    /** Heading of the section that shows one event as MongoDB stores it. */
    static final String STORED_DOCUMENT = "A stored event document";
    private static final String PREVIOUS_HASH = "5d1c8f0e3b7a9264c0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Pattern HEADING = Pattern.compile("^(#{1,3}) +(.+?) *$");
    private static final Pattern FIELD_ROW = Pattern.compile("^\\| *`(\\w+)` *\\|");
    private static final Pattern COMMAND_NAME = Pattern.compile("\\b[A-Z]\\w*Command\\b");

    private static List<String> page;
    private static Map<String, List<List<String>>> sections;

    @BeforeAll
    static void readThePage() throws IOException {
        page = Files.readAllLines(catalogue(), StandardCharsets.UTF_8);
        sections = thirdLevelSections(page);
    }

    static Stream<Named<Class<?>>> eventTypes() {
        return Arrays.stream(PlanEvent.class.getPermittedSubclasses())
                .map(type -> Named.of(type.getSimpleName(), type));
    }

    @Test
    void everyEventTypeHasOneSectionAndNoOtherEventIsDocumented() {
        Set<String> documented = sections.keySet().stream().filter(name -> name.matches("[A-Z]\\w*Event"))
                .collect(Collectors.toSet());

        assertThat(documented).isEqualTo(Arrays.stream(PlanEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName).collect(Collectors.toSet()));
        assertThat(sections).allSatisfy((heading, occurrences) -> assertThat(occurrences)
                .as("sections headed '%s'", heading).hasSize(1));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void exampleOfEachEventEqualsItsFrozenFixture(Class<?> type) throws IOException {
        List<String> blocks = jsonBlocks(section(type.getSimpleName()));

        assertThat(blocks).as("json examples under ### %s", type.getSimpleName()).isNotEmpty();
        assertEquals(EventCatalogueTest.fixture(type), JSON.readTree(blocks.get(0)));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEarlierRevisionOfEachEventIsShownAsItsFrozenFixture(Class<?> type) throws IOException {
        int current = Integer.parseInt(type.getAnnotation(org.axonframework.serialization.Revision.class).value());
        List<JsonNode> shown = new ArrayList<>();
        for (String block : jsonBlocks(section(type.getSimpleName()))) {
            shown.add(JSON.readTree(block));
        }

        for (int revision = 1; revision < current; revision++) {
            assertThat(shown).as("revision %d of %s shown in its section", revision, type.getSimpleName())
                    .contains(EventCatalogueTest.fixture(type.getSimpleName() + ".rev" + revision + ".json", type));
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void fieldTableOfEachEventNamesExactlyItsFields(Class<?> type) {
        List<String> documented = section(type.getSimpleName()).stream().map(FIELD_ROW::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).toList();

        assertThat(documented).containsExactlyElementsOf(Arrays.stream(type.getRecordComponents())
                .map(component -> component.getName()).toList());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void sectionOfEachEventGivesItsStoredTypeName(Class<?> type) {
        assertThat(String.join("\n", section(type.getSimpleName()))).contains("`" + type.getName() + "`");
    }

    @Test
    void everyCommandNamedOnThePageExists() {
        Set<String> commands = Arrays.stream(PlanCommand.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> named = page.stream().flatMap(line -> COMMAND_NAME.matcher(line).results())
                .map(m -> m.group()).collect(Collectors.toSet());

        assertThat(commands).containsAll(named);
    }

    @Test
    void storedDocumentExampleIsWhatTheEventStoreWrites() throws IOException {
        List<String> blocks = jsonBlocks(section(STORED_DOCUMENT));
        assertThat(blocks).as("json example under ### %s", STORED_DOCUMENT).isNotEmpty();

        try (TestMongo mongo = TestMongo.start(); MongoClient client = MongoClients.create(mongo.uri("registry"))) {
            MongoDatabase database = client.getDatabase("registry");
            // Other plans' events came first: this one is the store's 1187th and this plan's 132nd (sequence 131).
            new GlobalSequence(database.getCollection("sequences"), "events").allocate(1186);
            // Its predecessor in the plan's hash chain, reduced to what the chain reads of it.
            database.getCollection("events").insertOne(new Document("_id", 1150L)
                    .append("aggregateKey", EventExamples.PLAN + "/130").append("hash", PREVIOUS_HASH));
            JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();

            engine.appendEvents(new GenericDomainEventMessage<>("Plan", EventExamples.PLAN, 131,
                    EventExamples.indicatorTargetRevised(),
                    Map.of("actor", "registrar", "role", "REGISTRAR",
                            "correlationId", "b6a4e1c2-5d3f-4a8b-9c7e-2f1d0e6a5b48"),
                    "3f0c2a7e-8b1d-4c55-9e0a-6d2f4b7c1e93", Instant.parse("2024-07-02T01:38:05.417Z")));

            Document stored = database.getCollection("events").find(new Document("_id", 1187L)).first();
            assertEquals(withInnerJsonParsed(JSON.readTree(blocks.get(0))), withInnerJsonParsed(JSON.readTree(
                    stored.toJson())), () -> "the event store now writes:\n"
                    + stored.toJson(JsonWriterSettings.builder().indent(true).build()));
        }
    }

    /** The payload and metadata are stored as JSON strings; compare what they say, not their key order. */
    private static JsonNode withInnerJsonParsed(JsonNode document) throws IOException {
        ObjectNode copy = document.deepCopy();
        for (String field : List.of("payload", "metaData")) {
            if (copy.hasNonNull(field)) {
                copy.set(field, JSON.readTree(copy.get(field).asText()));
            }
        }
        return copy;
    }

    private static List<String> section(String heading) {
        List<List<String>> found = sections.get(heading);
        assertThat(found).as("a section headed '### %s' in docs/events.md", heading).isNotNull();
        return found.get(0);
    }

    /** The lines under each {@code ###} heading, up to the next heading of level 3 or above; code fences kept. */
    private static Map<String, List<List<String>>> thirdLevelSections(List<String> lines) {
        Map<String, List<List<String>>> result = new LinkedHashMap<>();
        List<String> current = null;
        boolean inFence = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            }
            Matcher heading = inFence ? null : HEADING.matcher(line);
            if (heading != null && heading.matches()) {
                current = null;
                if (heading.group(1).length() == 3) {
                    current = new ArrayList<>();
                    result.computeIfAbsent(heading.group(2), h -> new ArrayList<>()).add(current);
                }
            } else if (current != null) {
                current.add(line);
            }
        }
        return result;
    }

    private static List<String> jsonBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.strip().equals("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** docs/events.md of the repository the tests run in, found from the module directory upwards. */
    private static Path catalogue() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("events.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/events.md not found above " + Path.of("").toAbsolutePath());
    }
}

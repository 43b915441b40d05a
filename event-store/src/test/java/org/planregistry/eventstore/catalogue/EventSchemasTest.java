package org.planregistry.eventstore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
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
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.schema.EventSchemas;
import org.planregistry.eventstore.schema.EventSchemas.Entry;

/**
 * The generated JSON Schemas describe what the store writes: every example and frozen fixture validates against the
 * schema of its type and revision, and a schema refuses a wrong type, a missing field and a field it does not know.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final String BASE = "https://registry.example.org";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    static Stream<Named<PlanEvent>> examples() {
        return EventExamples.all().stream().map(event -> Named.of(event.getClass().getSimpleName(), event));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidatesAgainstTheSchemaOfItsType(PlanEvent event) {
        JsonNode written = JSON.valueToTree(event);

        assertThat(errors(EventSchemas.current(event.getClass()), written)).isEmpty();
        assertThat(errors(EventSchemas.current(event.getClass()), EventCatalogueTest.fixture(event.getClass())))
                .isEmpty();
    }

    @Test
    void everyEventTypeHasASchemaAtItsCurrentRevisionAndTheEarlierOnesStayListed() {
        assertThat(EventSchemas.all().stream().filter(Entry::current).<Class<?>>map(Entry::shape).toList())
                .containsExactlyInAnyOrder(PlanEvent.class.getPermittedSubclasses());
        assertThat(EventSchemas.all()).extracting(Entry::fileName)
                .contains("IndicatorTargetRevised.v1.json", "IndicatorTargetRevised.v2.json", "PlanAdopted.v1.json")
                .doesNotHaveDuplicates();
        assertThat(EventSchemas.find("IndicatorTargetRevised", "1")).hasValueSatisfying(entry -> {
            assertThat(entry.current()).isFalse();
            assertThat(entry.storedAs()).isEqualTo("org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent");
        });
        assertThat(EventSchemas.find("IndicatorTargetRevised", "3")).isEmpty();
        assertThat(EventSchemas.find("NoSuchThing", "1")).isEmpty();
    }

    @Test
    void theFrozenRevisionOneFixtureValidatesOnlyAgainstTheRevisionOneSchema() {
        JsonNode revision1 = EventCatalogueTest.fixture("IndicatorTargetRevisedEvent.rev1.json",
                IndicatorTargetRevisedEvent.class);
        JsonNode revision2 = EventCatalogueTest.fixture(IndicatorTargetRevisedEvent.class);
        Entry v1 = EventSchemas.find("IndicatorTargetRevised", "1").orElseThrow();
        Entry v2 = EventSchemas.find("IndicatorTargetRevised", "2").orElseThrow();

        assertThat(errors(v1, revision1)).isEmpty();
        assertThat(errors(v1, revision2)).as("decisionDate is unknown to revision 1").isNotEmpty();
        assertThat(errors(v2, revision1)).as("decisionDate is required in revision 2").isNotEmpty();
    }

    @Test
    void aSchemaRefusesAWrongTypeAnUnknownFieldAndAMissingOne() {
        Entry schema = EventSchemas.current(IndicatorTargetRevisedEvent.class);
        ObjectNode valid = JSON.valueToTree(EventExamples.indicatorTargetRevised());

        assertThat(errors(schema, valid)).isEmpty();
        assertThat(errors(schema, with(valid, n -> ((ObjectNode) n.get("target")).put("value", 6000))))
                .as("a decimal written as a JSON number").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> ((ObjectNode) n.get("target")).put("value", "6.0E+3"))))
                .as("a decimal in exponent notation").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> ((ObjectNode) n.get("target")).put("year", "2025"))))
                .as("a year written as a string").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> ((ObjectNode) n.get("target")).putNull("year"))))
                .as("a primitive is never null").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> ((ObjectNode) n.get("target")).put("qualifier", "ROUGHLY"))))
                .as("not a qualifier").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> n.put("decisionDate", "24 June 2024"))))
                .as("not an ISO date").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> n.put("approvedBy", "市政府")))).as("an unknown field")
                .isNotEmpty();
        assertThat(errors(schema, with(valid, n -> ((ObjectNode) n.get("target")).put("unit", "亿元"))))
                .as("an unknown field of a nested value").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> n.remove("reason")))).as("a field left out").isNotEmpty();
        assertThat(errors(schema, with(valid, n -> n.putNull("decisionDate")))).as("null where allowed").isEmpty();
    }

    @Test
    void listsAndNestedRecordsAreDescribedByTheirElements() {
        JsonNode column = EventSchemas.schema(EventSchemas.current(PlanEvent.ColumnAdoptedEvent.class), BASE);

        JsonNode items = column.at("/properties/items");
        assertThat(items.path("type")).isEqualTo(JSON.createArrayNode().add("array").add("null"));
        assertThat(items.at("/items/properties")).hasSize(3);
        assertThat(items.at("/items/additionalProperties").asBoolean(true)).isFalse();
        assertThat(errors(EventSchemas.current(PlanEvent.ColumnAdoptedEvent.class), with(
                JSON.valueToTree(EventExamples.columnAdopted()), n -> ((ObjectNode) n.get("items").get(0))
                        .put("number", 1)))).isNotEmpty();
    }

    @Test
    void everySchemaIsAValidDraft202012SchemaWithItsIdTitleAndDescription() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(EventSchemas.DIALECT), CONFIG);
        for (Entry entry : EventSchemas.all()) {
            JsonNode schema = EventSchemas.schema(entry, BASE + "/");

            assertThat(meta.validate(schema)).as(entry.fileName()).isEmpty();
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(BASE + "/api/schemas/" + entry.fileName());
            assertThat(schema.path("title").asText()).startsWith(entry.type());
            assertThat(schema.path("description").asText()).contains(entry.storedAs());
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        }
    }

    @Test
    void descriptionsSayWhatTheOverviewOfTheCatalogueSays() throws IOException {
        Pattern row = Pattern.compile("^\\| `(\\w+Event)` \\| `\\w+` \\| (.+) \\|$");
        Map<String, String> overview = new HashMap<>();
        for (String line : Files.readAllLines(catalogue(), StandardCharsets.UTF_8)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                overview.put(m.group(1), m.group(2));
            }
        }
        Set<String> types = Arrays.stream(PlanEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(overview.keySet()).isEqualTo(types);

        for (Class<?> type : PlanEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Entry entry = EventSchemas.current((Class<? extends PlanEvent>) type);
            assertThat(EventSchemas.schema(entry, BASE).path("description").asText()).as(type.getSimpleName())
                    .startsWith(overview.get(type.getSimpleName()));
        }
    }

    @Test
    void theCatalogueListsEverySchemaWithItsPath() throws IOException {
        Pattern row = Pattern.compile(
                "^\\| `(\\w+)` \\| (\\d+) \\| (current|earlier) \\| `(/api/schemas/[^`]+)` \\|$");
        List<String> listed = Files.readAllLines(catalogue(), StandardCharsets.UTF_8).stream().map(row::matcher)
                .filter(Matcher::matches).map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3) + " "
                        + m.group(4)).toList();

        assertThat(listed).containsExactlyElementsOf(EventSchemas.all().stream().map(e -> e.type() + " "
                + e.revision() + " " + (e.current() ? "current" : "earlier") + " " + EventSchemas.PATH + e.fileName())
                .toList());
    }

    private static List<ValidationMessage> errors(Entry entry, JsonNode instance) {
        JsonSchema schema = FACTORY.getSchema(EventSchemas.schema(entry, BASE), CONFIG);
        return List.copyOf(schema.validate(instance));
    }

    private static ObjectNode with(ObjectNode valid, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = valid.deepCopy();
        change.accept(copy);
        return copy;
    }

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

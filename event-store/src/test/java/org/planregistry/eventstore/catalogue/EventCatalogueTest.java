package org.planregistry.eventstore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.EventJson;

/**
 * Freezes the stored JSON of every plan event. Each event type has one example ({@link EventExamples}) and one
 * fixture, {@code src/test/resources/events/<SimpleName>.json}, written once and reviewed by hand: a renamed,
 * added, dropped or retyped field changes the JSON and fails here, and so does a new event type without a fixture.
 * The fixtures are never written by a test. A deliberate change of shape is a new {@code @Revision} with an
 * upcaster (docs/events.md), never an edit of an existing fixture.
 */
class EventCatalogueTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    static Stream<Named<PlanEvent>> examples() {
        return EventExamples.all().stream().map(event -> Named.of(event.getClass().getSimpleName(), event));
    }

    @Test
    void everyPermittedEventTypeHasExactlyOneExample() {
        List<Class<?>> examined = EventExamples.all().stream().<Class<?>>map(Object::getClass).toList();

        assertThat(examined).doesNotHaveDuplicates();
        assertThat(Set.copyOf(examined))
                .as("event types with an example and a fixture, against the permitted subclasses of PlanEvent")
                .isEqualTo(Set.of(PlanEvent.class.getPermittedSubclasses()));
    }

    @Test
    void everyFixtureBelongsToAnEventType() throws IOException, URISyntaxException {
        Path fixtures = Path.of(EventCatalogueTest.class.getResource("/events").toURI());
        Set<String> types = Arrays.stream(PlanEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        List<String> names;
        try (Stream<Path> files = Files.list(fixtures)) {
            names = files.map(file -> file.getFileName().toString()).toList();
        }

        // <SimpleName>.json is the current revision; <SimpleName>.rev<N>.json an older one kept for its upcaster.
        assertThat(names).as("fixtures left behind by a renamed or removed event type")
                .allSatisfy(name -> assertThat(name).matches("\\w+(\\.rev\\d+)?\\.json")
                        .satisfies(n -> assertThat(types).contains(n.substring(0, n.indexOf('.')))));
    }

    @Test
    void everyEarlierRevisionOfAnEventTypeKeepsItsFrozenFixture() throws IOException, URISyntaxException {
        Path fixtures = Path.of(EventCatalogueTest.class.getResource("/events").toURI());
        for (Class<?> type : PlanEvent.class.getPermittedSubclasses()) {
            int current = Integer.parseInt(type.getAnnotation(Revision.class).value());
            for (int revision = 1; revision < current; revision++) {
                String name = type.getSimpleName() + ".rev" + revision + ".json";
                assertThat(fixtures.resolve(name)).as("the frozen revision %d of %s", revision, type.getSimpleName())
                        .isRegularFile();
            }
            try (Stream<Path> files = Files.list(fixtures)) {
                assertThat(files.map(file -> file.getFileName().toString())
                        .filter(name -> name.startsWith(type.getSimpleName() + ".rev"))
                        .map(name -> Integer.parseInt(name.substring(name.indexOf(".rev") + 4, name.length() - 5))))
                        .as("older revisions of %s, below its current revision %d", type.getSimpleName(), current)
                        .allSatisfy(revision -> assertThat(revision).isLessThan(current));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void serialisedEventEqualsItsFrozenFixture(PlanEvent event) throws IOException {
        String written = JSON.writeValueAsString(event);

        assertEquals(fixture(event.getClass()), JSON.readTree(written), () -> event.getClass().getSimpleName()
                + " no longer serialises to its fixture. If the change is deliberate, it needs a new @Revision and"
                + " an upcaster (docs/events.md); the event now serialises to:\n" + pretty(written));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void fixtureReadsBackAsAnEqualEvent(PlanEvent event) throws IOException {
        assertEquals(event, JSON.treeToValue(fixture(event.getClass()), event.getClass()));
    }

    /**
     * The stored type name and revision of every event type, written out: they are what the store holds, so they
     * must not follow a rename or a move of the Java type. Raising a revision changes this table on purpose, together
     * with an upcaster and a frozen fixture of the old revision (docs/events.md).
     */
    private static final Map<String, String> STORED_TYPES = Map.ofEntries(
            Map.entry("org.planregistry.api.PlanEvent$PlanAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$ChapterAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$ChapterAmendedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$GoalAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$GoalAmendedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$IndicatorAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent", "2"),
            Map.entry("org.planregistry.api.PlanEvent$IndicatorBaselineCorrectedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$IndicatorRetiredEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$MeasurementBasisSetEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$IndicatorContinuityDeclaredEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$MilestoneSetEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$SectionAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$TaskAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$TaskAmendedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$TaskRetiredEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$ColumnAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$SafeguardAdoptedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$EvaluationOpenedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$FindingRecordedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$FindingSpanStatedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$FindingCorrectedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$FindingWithdrawnEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$EvaluationPublishedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$PlanClosedEvent", "1"),
            Map.entry("org.planregistry.api.PlanEvent$PlanSupersededEvent", "1"));

    @Test
    void everyEventTypeIsStoredUnderItsPinnedNameAndRevision() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();
        Map<String, String> written = new HashMap<>();
        for (Class<?> type : PlanEvent.class.getPermittedSubclasses()) {
            Revision revision = type.getAnnotation(Revision.class);
            assertNotNull(revision, () -> type.getSimpleName() + " has no @Revision");
            SerializedType stored = serializer.typeForClass(type);
            assertEquals(revision.value(), stored.getRevision(), () -> type.getSimpleName());
            written.put(stored.getName(), stored.getRevision());
        }

        assertThat(written).as("stored type names and revisions, against the pinned ones")
                .containsExactlyInAnyOrderEntriesOf(STORED_TYPES);
    }

    @Test
    void everyPinnedStoredNameStillReadsAsAnEventType() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();

        assertThat(STORED_TYPES).allSatisfy((name, revision) -> assertThat(serializer.classForType(
                new SimpleSerializedType(name, revision))).as(name).isIn(List.of(PlanEvent.class
                .getPermittedSubclasses())));
    }

    /** The frozen JSON of an event type, read from the test classpath. */
    static JsonNode fixture(Class<?> type) {
        return fixture(type.getSimpleName() + ".json", type);
    }

    /** A frozen fixture by file name under {@code events/}, e.g. {@code IndicatorTargetRevisedEvent.rev1.json}. */
    static JsonNode fixture(String name, Class<?> type) {
        String resource = "/events/" + name;
        try (InputStream in = EventCatalogueTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, () -> "no fixture " + resource + " for " + type.getName()
                    + ": write it from the example's JSON, review it and keep it under src/test/resources");
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

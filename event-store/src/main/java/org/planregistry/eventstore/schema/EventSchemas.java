package org.planregistry.eventstore.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Revision;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.Target;

/**
 * JSON Schemas (draft 2020-12) of the plan events, one per event type and revision, generated from the records
 * themselves so that a schema cannot drift from what the store writes.
 *
 * <p>The mapping follows the JSON conventions of docs/events.md: every field is always written, so every field is
 * {@code required}; a primitive ({@code int}) is never null, any other component may be ({@code "type": ["string",
 * "null"]}); strings, dates ({@code "format": "date"}), decimals (strings in plain notation, {@link #DECIMAL}),
 * integers, enumerations (their constant names), lists and the nested value records ({@code Target},
 * {@code Baseline}, {@code Period}, {@code Item}) as objects of their own components. No object admits fields it
 * does not declare ({@code "additionalProperties": false}).
 *
 * <p>The current revision of a type is generated from its {@code PlanEvent} record. An earlier revision is generated
 * from a record kept here that has exactly that revision's components ({@link Revision1}): the record of the type
 * itself has moved on, and the store still holds events of the earlier shape, so their schema stays served. The
 * frozen fixture of that revision ({@code events/<SimpleName>.rev<N>.json}) is tested against it.
 */
public final class EventSchemas {

    /** The JSON Schema dialect of every schema here. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    /** Where the schemas are served, below the registry's public URL. */
    public static final String PATH = "/api/schemas/";
    /** A decimal as the registry writes it: a plain-notation string, "4189.6", "-0.5", "6400", never "6.4E+3". */
    public static final String DECIMAL = "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What each event type means, as in the overview of docs/events.md. */
    private static final Map<Class<?>, String> MEANING = Map.ofEntries(
            Map.entry(PlanEvent.PlanAdoptedEvent.class,
                    "A plan was adopted: title, period, vision year. Starts the plan."),
            Map.entry(PlanEvent.ChapterAdoptedEvent.class,
                    "An opening chapter (发展基础, 指导思想, 基本原则, 总体目标) became part of the plan."),
            Map.entry(PlanEvent.ChapterAmendedEvent.class, "An opening chapter's title or text changed."),
            Map.entry(PlanEvent.GoalAdoptedEvent.class, "A development goal (发展目标) became part of the plan."),
            Map.entry(PlanEvent.GoalAmendedEvent.class, "A goal's title or description changed."),
            Map.entry(PlanEvent.IndicatorAdoptedEvent.class,
                    "A row of the indicator table (主要指标) became part of the plan."),
            Map.entry(PlanEvent.IndicatorTargetRevisedEvent.class,
                    "An indicator's target was adjusted (规划调整机制)."),
            Map.entry(PlanEvent.IndicatorBaselineCorrectedEvent.class, "An indicator's baseline was corrected."),
            Map.entry(PlanEvent.IndicatorRetiredEvent.class, "An indicator was dropped from the plan."),
            Map.entry(PlanEvent.MeasurementBasisSetEvent.class,
                    "How an indicator is measured (level, accumulated, interval) was declared or revised."),
            Map.entry(PlanEvent.IndicatorContinuityDeclaredEvent.class,
                    "An indicator was declared to continue an indicator of a predecessor plan."),
            Map.entry(PlanEvent.MilestoneSetEvent.class,
                    "A planned value was set for one indicator and year (规划分解机制)."),
            Map.entry(PlanEvent.SectionAdoptedEvent.class,
                    "A section of the key tasks (重点任务与发展措施) was adopted."),
            Map.entry(PlanEvent.TaskAdoptedEvent.class, "A task (measure) became part of the plan."),
            Map.entry(PlanEvent.TaskAmendedEvent.class, "A task's title or text changed."),
            Map.entry(PlanEvent.TaskRetiredEvent.class, "A task was dropped from the plan."),
            Map.entry(PlanEvent.ColumnAdoptedEvent.class, "A special column (专栏) was adopted."),
            Map.entry(PlanEvent.SafeguardAdoptedEvent.class, "A group of safeguards (保障措施) was adopted."),
            Map.entry(PlanEvent.EvaluationOpenedEvent.class, "An evaluation (规划评估机制) began."),
            Map.entry(PlanEvent.FindingRecordedEvent.class,
                    "An evaluator recorded a finding on an indicator or task."),
            Map.entry(PlanEvent.FindingSpanStatedEvent.class,
                    "What a finding's observed value covers (one year, the total to date, the interval) was stated."),
            Map.entry(PlanEvent.FindingCorrectedEvent.class, "A finding was corrected."),
            Map.entry(PlanEvent.FindingWithdrawnEvent.class, "A finding was withdrawn."),
            Map.entry(PlanEvent.EvaluationPublishedEvent.class,
                    "An evaluation was published. Its findings are frozen."),
            Map.entry(PlanEvent.PlanClosedEvent.class, "The plan was closed to further adjustment."),
            Map.entry(PlanEvent.PlanSupersededEvent.class, "The plan was replaced by another plan."));

    /** Revision 1 of {@code IndicatorTargetRevisedEvent}: revision 2 added {@code decisionDate}. */
    record Revision1(String planCode, String indicatorCode, Target previousTarget, Target target,
                     LocalDate effectiveFrom, String reason, String decisionRef) {
    }

    /**
     * One schema: an event type at one revision.
     *
     * @param type     the type as the registry names it to readers: the record's name without {@code Event}, e.g.
     *                 {@code IndicatorTargetRevised}
     * @param storedAs the stored type name ({@code payloadType})
     * @param shape    the record with exactly the components of that revision
     * @param current  whether this is the revision the registry writes today
     */
    public record Entry(String type, String revision, String storedAs, Class<? extends Record> shape,
                        boolean current) {

        /** The file name it is served as, e.g. {@code IndicatorTargetRevised.v2.json}. */
        public String fileName() {
            return type + ".v" + revision + ".json";
        }

        /** The URL it is served at, below the registry's public URL. */
        public String url(String publicUrl) {
            return stripSlash(publicUrl) + PATH + fileName();
        }
    }

    private static final List<Entry> ALL = entries();

    private EventSchemas() {
    }

    /** Every schema: each event type at its current revision and at each earlier one, by type then revision. */
    public static List<Entry> all() {
        return ALL;
    }

    /** The schema of {@code type} (e.g. {@code IndicatorTargetRevised}) at {@code revision}, if there is one. */
    public static Optional<Entry> find(String type, String revision) {
        return ALL.stream().filter(e -> e.type().equals(type) && e.revision().equals(revision)).findFirst();
    }

    /** The schema of the event type's current revision. */
    public static Entry current(Class<? extends PlanEvent> eventType) {
        return ALL.stream().filter(e -> e.current() && e.shape() == eventType).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a plan event: " + eventType));
    }

    /** The JSON Schema document of {@code entry}, its {@code $id} below {@code publicUrl}. */
    public static ObjectNode schema(Entry entry, String publicUrl) {
        Class<?> eventType = eventTypeNamed(entry.type());
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", entry.url(publicUrl));
        schema.put("title", entry.type() + " (revision " + entry.revision() + ")");
        schema.put("description", MEANING.get(eventType) + " Stored as " + entry.storedAs() + ", revision "
                + entry.revision() + (entry.current() ? "." : ", an earlier revision that stored events may still"
                + " have; readers receive them upcast to the current revision."));
        schema.setAll(object(entry.shape(), false));
        return schema;
    }

    private static List<Entry> entries() {
        Map<String, List<Entry>> byType = new LinkedHashMap<>();
        for (Class<?> permitted : PlanEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> record = (Class<? extends Record>) permitted;
            String type = typeName(permitted);
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(new Entry(type,
                    permitted.getAnnotation(Revision.class).value(), permitted.getName(), record, true));
        }
        byType.get("IndicatorTargetRevised").add(0, new Entry("IndicatorTargetRevised", "1",
                PlanEvent.IndicatorTargetRevisedEvent.class.getName(), Revision1.class, false));
        return byType.values().stream().flatMap(List::stream).toList();
    }

    private static String typeName(Class<?> eventType) {
        String name = eventType.getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    private static Class<?> eventTypeNamed(String type) {
        return Arrays.stream(PlanEvent.class.getPermittedSubclasses()).filter(c -> typeName(c).equals(type))
                .findFirst().orElseThrow();
    }

    /** An object of the record's components, all required, nothing else allowed. */
    private static ObjectNode object(Class<?> record, boolean nullable) {
        ObjectNode node = NODES.objectNode();
        node.set("type", type("object", nullable));
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), value(component.getGenericType()));
            required.add(component.getName());
        }
        node.set("required", required);
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode value(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            ObjectNode array = NODES.objectNode();
            array.set("type", type("array", true));
            array.set("items", value(parameterized.getActualTypeArguments()[0]));
            return array;
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("no JSON Schema mapping for " + type);
        }
        boolean nullable = !c.isPrimitive();
        ObjectNode node = NODES.objectNode();
        if (c == String.class) {
            node.set("type", type("string", nullable));
        } else if (c == LocalDate.class) {
            node.set("type", type("string", nullable));
            node.put("format", "date");
        } else if (c == BigDecimal.class) {
            node.set("type", type("string", nullable));
            node.put("pattern", DECIMAL);
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            node.set("type", type("integer", nullable));
        } else if (c == boolean.class || c == Boolean.class) {
            node.set("type", type("boolean", nullable));
        } else if (c.isEnum()) {
            node.set("type", type("string", nullable));
            ArrayNode values = node.putArray("enum");
            Arrays.stream(c.getEnumConstants()).forEach(constant -> values.add(((Enum<?>) constant).name()));
            if (nullable) {
                values.addNull();
            }
        } else if (c.isRecord()) {
            return object(c, nullable);
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + c.getName());
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode type(String name, boolean nullable) {
        return nullable ? NODES.arrayNode().add(name).add("null") : NODES.textNode(name);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

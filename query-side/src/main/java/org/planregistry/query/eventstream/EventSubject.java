package org.planregistry.query.eventstream;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;

/**
 * The CloudEvents {@code subject} of a plan event: the element of the plan it is about, as a path within the plan
 * ({@code indicator/I01}, {@code indicator/I01/milestone/2023}, {@code evaluation/2023-annual/finding/F1}), or
 * {@code plan} for the plan itself. A consumer can route on it without reading the data.
 *
 * <p>Each type's subject is a template over the event's own fields, filled from the stored JSON, so that the
 * stream does not decode every payload only to find an element's code. The templates are checked against the event
 * records when this class loads: a field that an event does not have stops the application at start.
 */
final class EventSubject {

    private static final Pattern FIELD = Pattern.compile("\\{(\\w+)}");

    private static final Map<Class<? extends PlanEvent>, Template> TEMPLATES = parsed(Map.ofEntries(
            Map.entry(PlanAdoptedEvent.class, "plan"),
            Map.entry(PlanClosedEvent.class, "plan"),
            Map.entry(PlanSupersededEvent.class, "plan"),
            Map.entry(ChapterAdoptedEvent.class, "chapter/{chapterCode}"),
            Map.entry(ChapterAmendedEvent.class, "chapter/{chapterCode}"),
            Map.entry(GoalAdoptedEvent.class, "goal/{goalCode}"),
            Map.entry(GoalAmendedEvent.class, "goal/{goalCode}"),
            Map.entry(IndicatorAdoptedEvent.class, "indicator/{indicatorCode}"),
            Map.entry(IndicatorTargetRevisedEvent.class, "indicator/{indicatorCode}"),
            Map.entry(IndicatorBaselineCorrectedEvent.class, "indicator/{indicatorCode}"),
            Map.entry(IndicatorRetiredEvent.class, "indicator/{indicatorCode}"),
            Map.entry(IndicatorContinuityDeclaredEvent.class, "indicator/{indicatorCode}/continuity"),
            Map.entry(MeasurementBasisSetEvent.class, "indicator/{indicatorCode}/measurement-basis"),
            Map.entry(MilestoneSetEvent.class, "indicator/{indicatorCode}/milestone/{year}"),
            Map.entry(SectionAdoptedEvent.class, "section/{sectionCode}"),
            Map.entry(TaskAdoptedEvent.class, "task/{taskCode}"),
            Map.entry(TaskAmendedEvent.class, "task/{taskCode}"),
            Map.entry(TaskRetiredEvent.class, "task/{taskCode}"),
            Map.entry(ColumnAdoptedEvent.class, "column/{columnCode}"),
            Map.entry(SafeguardAdoptedEvent.class, "safeguard/{safeguardCode}"),
            Map.entry(EvaluationOpenedEvent.class, "evaluation/{evaluationId}"),
            Map.entry(EvaluationPublishedEvent.class, "evaluation/{evaluationId}"),
            Map.entry(FindingRecordedEvent.class, "evaluation/{evaluationId}/finding/{findingId}"),
            Map.entry(FindingCorrectedEvent.class, "evaluation/{evaluationId}/finding/{findingId}"),
            Map.entry(FindingWithdrawnEvent.class, "evaluation/{evaluationId}/finding/{findingId}"),
            Map.entry(FindingSpanStatedEvent.class, "evaluation/{evaluationId}/finding/{findingId}")));

    private EventSubject() {
    }

    /** The fields of {@code type} its subject is made of. */
    static Set<String> fields(Class<?> type) {
        return template(type).fields();
    }

    /**
     * The subject of an event of {@code type} whose fields have the given values (as JSON text).
     *
     * @throws IllegalArgumentException for an event type this mapping does not know, so none is sent unlabelled
     */
    static String of(Class<?> type, Map<String, String> values) {
        return template(type).fill(values);
    }

    private static Template template(Class<?> type) {
        Template template = TEMPLATES.get(type);
        if (template == null) {
            throw new IllegalArgumentException("No subject for event type " + type.getName());
        }
        return template;
    }

    /** Each template parsed once, and checked against its event's record components. */
    private static Map<Class<? extends PlanEvent>, Template> parsed(Map<Class<? extends PlanEvent>, String> templates) {
        Map<Class<? extends PlanEvent>, Template> parsed = new HashMap<>();
        templates.forEach((type, text) -> {
            Template template = Template.parse(text);
            List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .toList();
            for (String field : template.fields()) {
                if (!components.contains(field)) {
                    throw new IllegalStateException("The subject of " + type.getSimpleName() + " names " + field
                            + ", which the event does not have");
                }
            }
            parsed.put(type, template);
        });
        return Map.copyOf(parsed);
    }

    /**
     * A template as the text between its fields and the fields' names: {@code texts} has one more element than
     * {@code names}, so a subject is the texts with the fields' values between them.
     */
    private record Template(List<String> texts, List<String> names) {

        static Template parse(String template) {
            List<String> texts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Matcher field = FIELD.matcher(template);
            int end = 0;
            while (field.find()) {
                texts.add(template.substring(end, field.start()));
                names.add(field.group(1));
                end = field.end();
            }
            texts.add(template.substring(end));
            return new Template(List.copyOf(texts), List.copyOf(names));
        }

        Set<String> fields() {
            return new LinkedHashSet<>(names);
        }

        String fill(Map<String, String> values) {
            StringBuilder subject = new StringBuilder(texts.get(0));
            for (int i = 0; i < names.size(); i++) {
                subject.append(values.get(names.get(i))).append(texts.get(i + 1));
            }
            return subject.toString();
        }
    }
}

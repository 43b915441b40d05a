package org.planregistry.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.eventstore.catalogue.EveryEventType;
import org.planregistry.query.event.EventBatch;

/**
 * Every event type through both timeline projections, as the processor delivers them (one unit of work per event,
 * written at its end), against the embedded store: after each event the plan document and the element documents
 * it names must show that event's specific change. A type a projection does not know throws instead of passing by.
 */
class TimelineDispatchTest {

    private static final TimePoint EVERYTHING = new TimePoint(LocalDate.of(2099, 12, 31),
            Instant.parse("2099-12-31T00:00:00Z"));
    /** Per event type: the plan's state, then each element the event names, after the event. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("PlanAdoptedEvent", "plan ADOPTED, 0 elements, at 1");
        EXPECTED.put("ChapterAdoptedEvent", "plan ADOPTED, 1 elements, at 2; SZ-FIN-14FYP|chapter|CH4: title=\"指导思想\"#1 text=\"高举中国特色社会主义伟大旗帜，……为深圳加快建设先行示范区、更好发挥在粤港澳大…#1");
        EXPECTED.put("ChapterAmendedEvent", "plan ADOPTED, 2 elements, at 4; SZ-FIN-14FYP|chapter|CH5: title=\"基本原则\"#2 text=\"贯彻落实第五次全国金融工作会议关于“回归本源、优化结构、强化监管、市场导向”要…#2");
        EXPECTED.put("GoalAdoptedEvent", "plan ADOPTED, 3 elements, at 5; SZ-FIN-14FYP|goal|G1: title=\"金融运行安全区\"#1 description=\"健全地方金融监管的体制机制，形成以法治为基础、以科技为支撑、满足现代金融高效运…#1");
        EXPECTED.put("GoalAmendedEvent", "plan ADOPTED, 3 elements, at 6; SZ-FIN-14FYP|goal|G1: title=\"金融运行安全区\"#2 description=\"健全地方金融管理的体制机制，形成以法治为基础、以科技为支撑、满足现代金融高效运…#2");
        EXPECTED.put("IndicatorAdoptedEvent", "plan ADOPTED, 4 elements, at 7; SZ-FIN-14FYP|indicator|I01: target={\"year\":2025,\"value\":\"6400\",\"qualifier\":…#1 baseline={\"year\":2020,\"value\":\"4189.6\"}#1");
        EXPECTED.put("IndicatorTargetRevisedEvent", "plan ADOPTED, 4 elements, at 8; SZ-FIN-14FYP|indicator|I01: target={\"year\":2025,\"value\":\"6000\",\"qualifier\":…#2 baseline={\"year\":2020,\"value\":\"4189.6\"}#1");
        EXPECTED.put("IndicatorBaselineCorrectedEvent", "plan ADOPTED, 5 elements, at 10; SZ-FIN-14FYP|indicator|I03: target={\"year\":2025,\"value\":\"6400\",\"qualifier\":…#1 baseline={\"year\":2020,\"value\":\"10.2\"}#2");
        EXPECTED.put("IndicatorRetiredEvent", "plan ADOPTED, 6 elements, I18 retired 2024-07-01, at 12; SZ-FIN-14FYP|indicator|I18: target={\"year\":2025,\"value\":\"6400\",\"qualifier\":…#1 baseline={\"year\":2020,\"value\":\"4189.6\"}#1 retired=true#1");
        EXPECTED.put("MeasurementBasisSetEvent", "plan ADOPTED, 7 elements, I18 retired 2024-07-01, at 14; SZ-FIN-14FYP|indicator|I06: target={\"year\":2025,\"value\":\"6400\",\"qualifier\":…#1 baseline={\"year\":2020,\"value\":\"4189.6\"}#1 basis=\"INTERVAL\"#1");
        EXPECTED.put("IndicatorContinuityDeclaredEvent", "plan ADOPTED, 7 elements, I18 retired 2024-07-01, at 15; SZ-FIN-14FYP|indicator|I01: target={\"year\":2025,\"value\":\"6000\",\"qualifier\":…#2 baseline={\"year\":2020,\"value\":\"4189.6\"}#1 continues={\"predecessor\":{\"planCode\":\"SZ-FIN-13FYP…#1");
        EXPECTED.put("MilestoneSetEvent", "plan ADOPTED, 7 elements, I18 retired 2024-07-01, at 16; SZ-FIN-14FYP|indicator|I01: target={\"year\":2025,\"value\":\"6000\",\"qualifier\":…#2 baseline={\"year\":2020,\"value\":\"4189.6\"}#1 continues={\"predecessor\":{\"planCode\":\"SZ-FIN-13FYP…#1 milestone:2023=\"5515.9\"#1");
        EXPECTED.put("SectionAdoptedEvent", "plan ADOPTED, 8 elements, I18 retired 2024-07-01, at 17; SZ-FIN-14FYP|section|S1:");
        EXPECTED.put("TaskAdoptedEvent", "plan ADOPTED, 9 elements, I18 retired 2024-07-01, at 18; SZ-FIN-14FYP|task|T1.7: title=\"探索知识产权交易和知识产权证券化\"#1 text=\"加快建设全国性科技成果和知识产权交易中心, 探索完善知识产权和科技成果产权市场…#1");
        EXPECTED.put("TaskAmendedEvent", "plan ADOPTED, 9 elements, I18 retired 2024-07-01, at 19; SZ-FIN-14FYP|task|T1.7: title=\"探索知识产权交易和知识产权证券化\"#2 text=\"加快建设全国性科技成果和知识产权交易中心, 探索完善知识产权和科技成果产权市场…#2");
        EXPECTED.put("TaskRetiredEvent", "plan ADOPTED, 10 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 21; SZ-FIN-14FYP|task|T6.5: title=\"探索知识产权交易和知识产权证券化\"#1 text=\"加快建设全国性科技成果和知识产权交易中心, 探索完善知识产权和科技成果产权市场…#1 retired=true#1");
        EXPECTED.put("ColumnAdoptedEvent", "plan ADOPTED, 11 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 22; SZ-FIN-14FYP|column|C7:");
        EXPECTED.put("SafeguardAdoptedEvent", "plan ADOPTED, 12 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 23; SZ-FIN-14FYP|safeguard|SG2:");
        EXPECTED.put("EvaluationOpenedEvent", "plan ADOPTED, 13 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 24; SZ-FIN-14FYP|evaluation|E2024-MID:");
        EXPECTED.put("FindingRecordedEvent", "plan ADOPTED, 13 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 25; SZ-FIN-14FYP|evaluation|E2024-MID: finding E2024-MID/E2024-MID-F1#1; SZ-FIN-14FYP|indicator|I01: target={\"year\":2025,\"value\":\"6000\",\"qualifier\":…#2 baseline={\"year\":2020,\"value\":\"4189.6\"}#1 continues={\"predecessor\":{\"planCode\":\"SZ-FIN-13FYP…#1 milestone:2023=\"5515.9\"#1 finding E2024-MID/E2024-MID-F1#1");
        EXPECTED.put("FindingSpanStatedEvent", "plan ADOPTED, 14 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 28; SZ-FIN-14FYP|evaluation|E2024-MID: finding E2024-MID/E2024-MID-F1#1 finding E2024-MID/E2024-MID-F3#1 TO_DATE; SZ-FIN-14FYP|indicator|I20: target={\"year\":2025,\"value\":\"6400\",\"qualifier\":…#1 baseline={\"year\":2020,\"value\":\"4189.6\"}#1 finding E2024-MID/E2024-MID-F3#1 TO_DATE");
        EXPECTED.put("FindingCorrectedEvent", "plan ADOPTED, 14 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 29; SZ-FIN-14FYP|evaluation|E2024-MID: finding E2024-MID/E2024-MID-F1#2 finding E2024-MID/E2024-MID-F3#1 TO_DATE");
        EXPECTED.put("FindingWithdrawnEvent", "plan ADOPTED, 14 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 31; SZ-FIN-14FYP|evaluation|E2024-MID: finding E2024-MID/E2024-MID-F1#2 finding E2024-MID/E2024-MID-F3#1 TO_DATE finding E2024-MID/E2024-MID-F2#2");
        EXPECTED.put("EvaluationPublishedEvent", "plan ADOPTED, 14 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 32; SZ-FIN-14FYP|evaluation|E2024-MID: published=true#1 finding E2024-MID/E2024-MID-F1#2 finding E2024-MID/E2024-MID-F3#1 TO_DATE finding E2024-MID/E2024-MID-F2#2");
        EXPECTED.put("PlanClosedEvent", "plan CLOSED, 14 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 33");
        EXPECTED.put("PlanSupersededEvent", "plan SUPERSEDED by SZ-FIN-15FYP, 14 elements, I18 retired 2024-07-01, T6.5 retired 2024-07-01, at 34");
    }

    private static TestMongo mongo;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        client = MongoClients.create(mongo.uri("dispatch"));
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void everyEventTypeChangesThePlanAndElementDocumentsItConcerns() throws Exception {
        TimelineStore store = new TimelineStore(client.getDatabase("dispatch"), 1000, 2);
        AnnotationEventHandlerAdapter elements = new AnnotationEventHandlerAdapter(new PlanElementProjection(store));
        AnnotationEventHandlerAdapter plans = new AnnotationEventHandlerAdapter(new PlanProjection(store));
        List<PlanEvent> examples = EveryEventType.examples();
        assertThat(examples.stream().map(e -> e.getClass().getName()).toList()).as("an example of every event type")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(PlanEvent.class.getPermittedSubclasses())
                        .map(Class::getName).toList());

        Map<String, String> states = new LinkedHashMap<>();
        long sequence = 0;
        Map<Class<?>, PlanEvent> adoptions = new LinkedHashMap<>();
        for (PlanEvent event : examples) {
            adoptions.putIfAbsent(event.getClass(), event);
            // Some examples change an element the examples never adopt: adopt it first, so the change shows.
            for (PlanEvent setUp : elementsFor(event, adoptions)) {
                handle(++sequence, setUp, elements, plans);
            }
            handle(++sequence, event, elements, plans);
            states.put(event.getClass().getSimpleName(), state(store, event));
        }
        assertThat(states).containsExactlyEntriesOf(EXPECTED);
    }

    private static void handle(long sequence, PlanEvent event, AnnotationEventHandlerAdapter elements,
                               AnnotationEventHandlerAdapter plans) throws Exception {
        EventMessage<?> message = new GenericDomainEventMessage<>("Plan", event.planCode(), sequence - 1, event,
                MetaData.with(MongoEventStorageEngine.GLOBAL_SEQUENCE, sequence).and("actor", "registrar"),
                "event-" + sequence, Instant.parse("2024-07-01T00:00:00Z").plusSeconds(sequence));
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        EventBatch.writesAtEnd(TimelineChanges.class).handle(unitOfWork, () -> {
            elements.handle(message);
            plans.handle(message);
            return null;
        });
        unitOfWork.commit();
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** The adoptions (or recordings) of the elements {@code event} changes, made from the examples, if they differ. */
    private static List<PlanEvent> elementsFor(PlanEvent event, Map<Class<?>, PlanEvent> seen) {
        List<PlanEvent> setUp = new ArrayList<>();
        if (event instanceof PlanEvent.IndicatorBaselineCorrectedEvent e) {
            setUp.add(like(seen.get(PlanEvent.IndicatorAdoptedEvent.class), "indicatorCode", e.indicatorCode()));
        } else if (event instanceof PlanEvent.IndicatorRetiredEvent e) {
            setUp.add(like(seen.get(PlanEvent.IndicatorAdoptedEvent.class), "indicatorCode", e.indicatorCode()));
        } else if (event instanceof PlanEvent.MeasurementBasisSetEvent e) {
            setUp.add(like(seen.get(PlanEvent.IndicatorAdoptedEvent.class), "indicatorCode", e.indicatorCode()));
        } else if (event instanceof PlanEvent.ChapterAmendedEvent e) {
            setUp.add(like(seen.get(PlanEvent.ChapterAdoptedEvent.class), "chapterCode", e.chapterCode()));
        } else if (event instanceof PlanEvent.TaskRetiredEvent e) {
            setUp.add(like(seen.get(PlanEvent.TaskAdoptedEvent.class), "taskCode", e.taskCode()));
        } else if (event instanceof PlanEvent.FindingSpanStatedEvent e) {
            setUp.add(like(seen.get(PlanEvent.IndicatorAdoptedEvent.class), "indicatorCode", e.subjectCode()));
            PlanEvent finding = like(seen.get(PlanEvent.FindingRecordedEvent.class), "findingId", e.findingId());
            setUp.add(finding == null ? null : like(finding, "subjectCode", e.subjectCode()));
        } else if (event instanceof PlanEvent.FindingWithdrawnEvent e) {
            setUp.add(like(seen.get(PlanEvent.FindingRecordedEvent.class), "findingId", e.findingId()));
        }
        setUp.removeIf(Objects::isNull);
        return setUp;
    }

    private static PlanEvent like(PlanEvent example, String field, String value) {
        ObjectNode json = EventJson.mapper().valueToTree(example);
        if (json.path(field).asText().equals(value)) {
            return null;
        }
        json.put(field, value);
        return EventJson.mapper().convertValue(json, example.getClass());
    }

    /** The plan's status, its element entries, and each named element's attributes, version counts and findings. */
    private static String state(TimelineStore store, PlanEvent event) {
        PlanTimeline timeline = store.timeline(event.planCode()).orElseThrow();
        PlanDocument plan = timeline.plan();
        PlanStatus status = plan.statusAt(EVERYTHING);
        List<String> parts = new ArrayList<>();
        parts.add("plan " + status.stage() + (status.supersededBy() == null ? "" : " by " + status.supersededBy())
                + ", " + plan.elements().size() + " elements" + plan.elements().stream()
                .filter(ref -> ref.retiredFrom() != null).map(ref -> ", " + ref.code() + " retired " + ref.retiredFrom())
                .reduce("", String::concat) + ", at " + plan.lastSequence());
        for (String key : ElementKeys.of(event)) {
            ElementDocument element = timeline.elementsByKey().get(key);
            StringBuilder text = new StringBuilder(key + ":");
            if (element == null) {
                parts.add(text.append(" not held").toString());
                continue;
            }
            element.attributes().forEach((attribute, versions) -> text.append(" ").append(attribute).append("=")
                    .append(shortened(String.valueOf(versions.get(versions.size() - 1).value()))).append("#").append(versions.size()));
            element.findings().forEach(finding -> text.append(" finding ").append(finding.id()).append("#")
                    .append(finding.versions().size()).append(finding.span() == null ? "" : " " + finding.span()));
            parts.add(text.toString());
        }
        return String.join("; ", parts);
    }
}

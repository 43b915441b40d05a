package org.planregistry.command.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.command.CommandSideTest;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A long history is loaded from a snapshot; the plan rebuilt from it must enforce its rules as before. The snapshot is
 * the plan the command side held when its 100th event was committed. A snapshot of an older shape of the plan is
 * ignored: the plan loads from its events.
 */
class PlanSnapshotTest extends CommandSideTest {

    private static final String PLAN = "SNAPSHOT-PLAN";
    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);

    @Autowired
    private PlanCommandGateway gateway;
    @Autowired
    private MongoEventStorageEngine engine;
    @Autowired
    private Cache planCache;
    @Autowired
    private EventStore eventStore;

    @Test
    void aPlanLoadedFromItsSnapshotKnowsItsWholeHistory() throws Exception {
        gateway.send(new AdoptPlanCommand(PLAN, "快照", null, null, ADOPTED, new Period(2021, 2025), null, null), null,
                null);
        gateway.send(new AdoptIndicatorCommand(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED,
                new Baseline(2020, new BigDecimal("4189.6")), new Target(2025, new BigDecimal("6400"),
                Qualifier.ABOUT), List.of(), null, null, null), null, null);
        for (int i = 0; i < 110; i++) {
            gateway.send(new AdoptGoalCommand(PLAN, "G" + i, "目标 " + i, 2025, "说明", null, null, null), null, null);
        }
        assertThat(engine.readSnapshot(PLAN)).as("a snapshot after 100 events")
                .hasValueSatisfying(snapshot -> assertThat(snapshot.getSequenceNumber()).isEqualTo(99L));

        planCache.removeAll(); // the next command must load the plan from the store: snapshot plus later events
        assertThatThrownBy(() -> gateway.send(new AdoptGoalCommand(PLAN, "G7", "重复", 2025, "x", null, null, null),
                null, null)).isInstanceOfSatisfying(PlanRuleViolation.class,
                v -> assertThat(v.field()).isEqualTo("goalCode"));
        planCache.removeAll();
        Recorded revised = gateway.send(new ReviseIndicatorTargetCommand(PLAN, "I01", null, new BigDecimal("7000"),
                Qualifier.ABOUT, "亿元", LocalDate.of(2024, 1, 1), "调整", null), null, null);
        assertThat(revised.version()).isEqualTo(112L);
        planCache.removeAll();
        assertThatThrownBy(() -> gateway.send(new ReviseIndicatorTargetCommand(PLAN, "I01", null,
                new BigDecimal("7000.0"), Qualifier.ABOUT, null, LocalDate.of(2024, 6, 1), "再调整", null), null, null))
                .as("the revised target survived the snapshot round trip")
                .isInstanceOfSatisfying(PlanRuleViolation.class, v -> assertThat(v.field()).isEqualTo("target"));
    }

    @Test
    void aThresholdReachedWhileLoadingSnapshotsThePlanOnceTheLoadingCommandHasCommitted() {
        String plan = "LOADED-SNAPSHOT-PLAN";
        // 150 events written past the command side, as another instance or an older release could have left them.
        List<EventMessage<?>> history = new ArrayList<>();
        history.add(new GenericDomainEventMessage<>("Plan", plan, 0, new PlanAdoptedEvent(plan, "载入", null, null,
                ADOPTED, new Period(2021, 2025), null, null)));
        for (int i = 1; i < 150; i++) {
            history.add(new GenericDomainEventMessage<>("Plan", plan, i, new GoalAdoptedEvent(plan, "G" + i,
                    "目标 " + i, 2025, "说明", ADOPTED, "载入", null)));
        }
        eventStore.publish(history);
        assertThat(engine.readSnapshot(plan)).isEmpty();

        Recorded next = gateway.send(new AdoptGoalCommand(plan, "G150", "目标 150", 2025, "说明", null, null, null),
                null, null);
        assertThat(next.version()).isEqualTo(150L);
        assertThat(engine.readSnapshot(plan)).as("the plan as that command left it")
                .hasValueSatisfying(snapshot -> assertThat(snapshot.getSequenceNumber()).isEqualTo(150L));

        planCache.removeAll();
        assertThatThrownBy(() -> gateway.send(new AdoptGoalCommand(plan, "G150", "重复", 2025, "x", null, null,
                null), null, null)).isInstanceOfSatisfying(PlanRuleViolation.class,
                v -> assertThat(v.field()).isEqualTo("goalCode"));
    }

    @Test
    void aSnapshotOfThePlanBeforeItHadPartsIsIgnoredAndThePlanLoadsFromItsEvents() throws Exception {
        String plan = "OLDER-SHAPE-SNAPSHOT-PLAN";
        Target target = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);
        List<EventMessage<?>> history = new ArrayList<>();
        history.add(new GenericDomainEventMessage<>("Plan", plan, 0, new PlanAdoptedEvent(plan, "旧快照", null, null,
                ADOPTED, new Period(2021, 2025), null, null)));
        history.add(new GenericDomainEventMessage<>("Plan", plan, 1, new IndicatorAdoptedEvent(plan, "I01", 1,
                "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED, new Baseline(2020, new BigDecimal("4189.6")),
                target, List.of(), ADOPTED, null, null)));
        for (int i = 2; i < 120; i++) {
            history.add(new GenericDomainEventMessage<>("Plan", plan, i, new GoalAdoptedEvent(plan, "G" + i,
                    "目标 " + i, 2025, "说明", ADOPTED, null, null)));
        }
        eventStore.publish(history);
        // The snapshot an earlier release wrote of exactly that history: the plan's fields before it had parts,
        // without a revision. Read into today's fields it would not fail but lose every goal and indicator.
        String olderShape = olderShapeSnapshot(plan, 120);
        assertThat(EventJson.snapshotMapper().readValue(olderShape, Plan.class)).as("an older shape reads silently")
                .isNotNull();
        database.getCollection("snapshots").insertOne(new Document("_id", plan).append("aggregateIdentifier", plan)
                .append("sequenceNumber", 119L).append("type", "Plan")
                .append("eventIdentifier", UUID.randomUUID().toString()).append("timestamp", "2025-01-01T00:00:00Z")
                .append("payloadType", Plan.class.getName()).append("payloadRevision", null)
                .append("payload", olderShape).append("metaData", "{}"));
        assertThat(eventStore.readEvents(plan).asStream().findFirst()).as("the store offers no snapshot")
                .hasValueSatisfying(first -> assertThat(first.getPayload()).isInstanceOf(PlanAdoptedEvent.class));

        planCache.removeAll();
        Recorded revised = gateway.send(new ReviseIndicatorTargetCommand(plan, "I01", null, new BigDecimal("7000"),
                Qualifier.ABOUT, "亿元", LocalDate.of(2024, 1, 1), "调整", null), null, null);
        assertThat(revised.version()).as("the indicator is known: loaded from its events").isEqualTo(120L);
        Document replaced = database.getCollection("snapshots").find(new Document("_id", plan)).first();
        assertThat(replaced.getString("payloadRevision")).as("replaced by a snapshot of the current shape once the "
                + "loading command committed").isEqualTo(Plan.SNAPSHOT_SHAPE);
        assertThat(replaced.getLong("sequenceNumber")).isEqualTo(120L);

        planCache.removeAll();
        assertThatThrownBy(() -> gateway.send(new AdoptGoalCommand(plan, "G7", "重复", 2025, "x", null, null, null),
                null, null)).as("the goals are known, now from the new snapshot")
                .isInstanceOfSatisfying(PlanRuleViolation.class, v -> assertThat(v.field()).isEqualTo("goalCode"));
        assertThatThrownBy(() -> gateway.send(new ReviseIndicatorTargetCommand(plan, "I01", null,
                new BigDecimal("7000"), Qualifier.ABOUT, null, LocalDate.of(2024, 6, 1), "再调整", null), null, null))
                .isInstanceOfSatisfying(PlanRuleViolation.class, v -> assertThat(v.field()).isEqualTo("target"));
    }

    @Test
    void onlyPlanSnapshotsOfAnotherShapeAreDropped() {
        assertThat(OlderPlanSnapshots.isOlderPlanSnapshot(new org.axonframework.serialization.SimpleSerializedType(
                Plan.class.getName(), null))).isTrue();
        assertThat(OlderPlanSnapshots.isOlderPlanSnapshot(new org.axonframework.serialization.SimpleSerializedType(
                Plan.class.getName(), "1"))).isTrue();
        assertThat(OlderPlanSnapshots.isOlderPlanSnapshot(new org.axonframework.serialization.SimpleSerializedType(
                Plan.class.getName(), Plan.SNAPSHOT_SHAPE))).isFalse();
        assertThat(OlderPlanSnapshots.isOlderPlanSnapshot(new org.axonframework.serialization.SimpleSerializedType(
                GoalAdoptedEvent.class.getName(), null))).as("an event").isFalse();
    }

    /** The JSON the plan's snapshot had before issue 13: every element in a collection of the root. */
    private static String olderShapeSnapshot(String plan, int events) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("planCode", plan);
        json.putObject("period").put("from", 2021).put("to", 2025);
        json.put("adoptedOn", ADOPTED.toString());
        json.put("closed", false);
        ObjectNode goals = json.putObject("goals");
        for (int i = 2; i < events; i++) {
            goals.putObject("G" + i).put("code", "G" + i).put("title", "目标 " + i).put("description", "说明");
        }
        ObjectNode indicator = json.putObject("indicators").putObject("I01");
        indicator.put("code", "I01").put("unit", "亿元");
        indicator.putObject("baseline").put("year", 2020).put("value", "4189.6");
        indicator.putObject("target").put("year", 2025).put("value", "6400").put("qualifier", "ABOUT");
        indicator.putObject("milestones");
        indicator.put("retired", false);
        json.putArray("sections");
        json.putObject("tasks");
        json.putArray("columns");
        json.putArray("safeguards");
        json.putObject("evaluations");
        return json.toString();
    }
}

package org.planregistry.command.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.command.CommandSideTest;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A long history is loaded from a snapshot; the plan rebuilt from it must enforce its rules as before. The snapshot is
 * the plan the command side held when its 100th event was committed.
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
}

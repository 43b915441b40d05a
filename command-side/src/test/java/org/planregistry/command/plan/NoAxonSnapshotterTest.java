package org.planregistry.command.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Plans are snapshotted by {@link PlanSnapshotTrigger} alone; the snapshotter Axon's auto-configuration would add
 * ({@code aggregateSnapshotter}) is not there (the event store's auto-configuration removes it from both
 * applications; the query side checks its own). That snapshots are still written is {@link PlanSnapshotTest}'s part.
 */
class NoAxonSnapshotterTest extends CommandSideTest {

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void theCommandSideHasNoSnapshotterBean() {
        assertThat(context.getBeanNamesForType(Snapshotter.class)).isEmpty();
        assertThat(context.getBeanFactory().containsBeanDefinition("aggregateSnapshotter")).isFalse();
    }

    @Test
    void plansAreSnapshottedByTheirOwnTriggerOnly() {
        assertThat(context.getBeansOfType(SnapshotTriggerDefinition.class).values())
                .singleElement().isInstanceOf(PlanSnapshotTrigger.class);
    }
}

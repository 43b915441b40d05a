package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The query side has no aggregate and takes no snapshot, so the snapshotter Axon's auto-configuration would add
 * ({@code aggregateSnapshotter}) is not there: the event store's auto-configuration removes it from both applications.
 */
class NoAxonSnapshotterTest extends QuerySideTestSupport {

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void theQuerySideHasNoSnapshotterBean() {
        assertThat(context.getBeanNamesForType(Snapshotter.class)).isEmpty();
        assertThat(context.getBeanFactory().containsBeanDefinition("aggregateSnapshotter")).isFalse();
    }
}

package org.planregistry.command.plan;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How plans are stored and loaded: a snapshot every {@code registry.snapshot.threshold} events so a long history
 * loads in constant time (a snapshot of an older shape of the plan is ignored: {@link OlderPlanSnapshots}), and the
 * plans loaded most recently kept in memory ({@link RecentPlans}) so that commands skip the load. Also copies the
 * actor, role, correlation id and
 * idempotency key from each command onto the events it produces, and returns with each command's result what it
 * appended. Axon's own snapshotter is not there: the event store's auto-configuration removes it from both
 * applications, and {@link PlanSnapshotTrigger} writes the plans' snapshots.
 */
@Configuration
class PlanRepositoryConfiguration {

    @Bean
    SnapshotTriggerDefinition planSnapshotTrigger(EventStore eventStore,
                                                  @Value("${registry.snapshot.threshold:100}") int threshold) {
        return new PlanSnapshotTrigger(eventStore, threshold);
    }

    /** Registered by Axon with the upcaster chain the event store reads events and snapshots through. */
    @Bean
    EventUpcaster olderPlanSnapshots() {
        return new OlderPlanSnapshots();
    }

    @Bean
    CommandTargetResolver planCommandTarget() {
        return new PlanCommandTarget();
    }

    @Bean
    Cache planCache(@Value("${registry.command.cached-plans:500}") int cachedPlans) {
        return new RecentPlans(cachedPlans);
    }

    /** What goes from a command's metadata onto its events: who, which request, and the idempotency key if any. */
    @Bean
    CorrelationDataProvider auditMetaData() {
        return new SimpleCorrelationDataProvider("actor", "role", "correlationId", RepeatedCommands.IDEMPOTENCY_KEY,
                RepeatedCommands.REQUEST_FINGERPRINT);
    }

    /** Registered once every bean exists (the bus depends on this configuration's beans), before any command. */
    @Bean
    static SmartInitializingSingleton appendsInResult(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.getObject().registerHandlerInterceptor(new AppendsInResult());
    }
}

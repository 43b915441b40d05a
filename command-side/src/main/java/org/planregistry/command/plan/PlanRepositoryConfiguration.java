package org.planregistry.command.plan;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How plans are stored and loaded: a snapshot every {@code registry.snapshot.threshold} events so a long history
 * loads in constant time (a snapshot of an older shape of the plan is ignored: {@link OlderPlanSnapshots}), and a
 * cache of loaded plans so consecutive commands skip the load. Also copies the actor, role and correlation id from
 * each command onto the events it produces, and returns with each command's result what it appended.
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
    Cache planCache() {
        // Weak references: the cache never holds memory the JVM needs; a stale entry fails the append and is
        // evicted, so several command-side instances stay correct.
        return new WeakReferenceCache();
    }

    @Bean
    CorrelationDataProvider auditMetaData() {
        return new SimpleCorrelationDataProvider("actor", "role", "correlationId");
    }

    /**
     * Removes the snapshotter Axon's Spring Boot auto-configuration declares ({@code aggregateSnapshotter}, a
     * {@code SpringAggregateSnapshotter}, whenever there is an event store and no other snapshotter). Nothing
     * here uses it: {@link PlanSnapshotTrigger} writes the plan it has in hand to the event store itself, and only
     * a trigger definition of Axon's own would schedule snapshots on a snapshotter. Left in place it would be an
     * unused bean and a second, slower way to write a plan's snapshot (replaying its events on another instance).
     * Axon's configuration still knows how to build a default snapshotter, but only when asked for one
     * ({@code Configuration.snapshotter()}), which nothing here does.
     */
    @Bean
    static BeanFactoryPostProcessor noAxonSnapshotter() {
        return beanFactory -> {
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
            for (String name : beanFactory.getBeanNamesForType(Snapshotter.class, true, false)) {
                registry.removeBeanDefinition(name);
            }
        };
    }

    /** Registered once every bean exists (the bus depends on this configuration's beans), before any command. */
    @Bean
    static SmartInitializingSingleton appendsInResult(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.getObject().registerHandlerInterceptor(new AppendsInResult());
    }
}

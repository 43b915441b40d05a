package org.planregistry.command.plan;

import java.io.Serializable;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.inspection.AnnotatedAggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan's snapshot every {@code threshold} events, taken from the plan the command side holds in hand, right after
 * the command that reached the threshold has committed: one serialization and one write. Axon's own snapshotter
 * reads the events since the last snapshot back from the store, deserializes them and replays them on another
 * instance of the plan, which cost about a fifth of the CPU of the command side and the store together.
 *
 * <p>The snapshot is the plan at its version after that commit, so exactly the stored events up to that version: the
 * plan's lock is held until its unit of work is cleaned up, after the snapshot is written. Events replayed while a
 * plan is loaded count as well (as in Axon's event-count trigger); a threshold reached while loading takes the
 * snapshot once the loading command has committed, with that command's events. A command that fails takes none. A
 * snapshot that cannot be written is logged and skipped: the plan then loads from an older snapshot or from its
 * events, and the next threshold tries again.
 */
final class PlanSnapshotTrigger implements SnapshotTriggerDefinition {

    private static final Logger log = LoggerFactory.getLogger(PlanSnapshotTrigger.class);

    private final EventStore eventStore;
    private final int threshold;

    PlanSnapshotTrigger(EventStore eventStore, int threshold) {
        this.eventStore = eventStore;
        this.threshold = threshold;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new EventCount(this);
    }

    /** A plan taken from the cache keeps its count; only the reference back here is restored. */
    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof EventCount count) {
            count.definition = this;
            return count;
        }
        return prepareTrigger(aggregateType);
    }

    /** Registers the snapshot of the plan now being handled for after its unit of work has committed. */
    private void snapshotAfterCommit() {
        if (!CurrentUnitOfWork.isStarted() || !(currentScope() instanceof AnnotatedAggregate<?> plan)) {
            return; // counted outside a command: nothing to commit after, so the next threshold will do
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (unitOfWork.resources().putIfAbsent(snapshotKey(plan), Boolean.TRUE) == null) {
            unitOfWork.afterCommit(u -> store(plan));
        }
    }

    private static Scope currentScope() {
        try {
            return Scope.getCurrentScope();
        } catch (IllegalStateException none) {
            return null;
        }
    }

    private static String snapshotKey(AnnotatedAggregate<?> plan) {
        return PlanSnapshotTrigger.class.getName() + "/" + plan.identifierAsString();
    }

    private void store(AnnotatedAggregate<?> plan) {
        try {
            eventStore.storeSnapshot(new GenericDomainEventMessage<>(plan.type(), plan.identifierAsString(),
                    plan.version(), plan.getAggregateRoot()));
        } catch (RuntimeException e) {
            // The command has committed; a missing snapshot only makes the next load read more events.
            log.warn("Could not store the snapshot of plan {} at version {}", plan.identifierAsString(),
                    plan.version(), e);
        }
    }

    /** Counts one plan's events since its last snapshot; lives as long as the plan object (and in the cache). */
    private static final class EventCount implements SnapshotTrigger, Serializable {

        private transient PlanSnapshotTrigger definition;
        private int events;

        EventCount(PlanSnapshotTrigger definition) {
            this.definition = definition;
        }

        @Override
        public void eventHandled(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> && ++events >= definition.threshold) {
                events = 0;
                definition.snapshotAfterCommit();
            }
        }

        @Override
        public void initializationFinished() {
            // Counted events decide alone; a threshold reached while loading has registered its snapshot already.
        }
    }
}

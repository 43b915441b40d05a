package org.planregistry.command.plan;

import java.util.stream.Stream;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a stored snapshot of a {@link Plan} whose shape is not the one this release reads
 * ({@link Plan#SNAPSHOT_SHAPE}), so the plan loads from its events instead, and the snapshot trigger writes one of
 * the current shape at the next threshold.
 *
 * <p>Why it is needed: a snapshot is the plan's fields as JSON, read back with unknown properties ignored. A snapshot
 * of an older shape therefore does not fail to load, which Axon's event store would handle by falling back to the
 * events: it loads as a plan with its elements silently missing (an old {@code "indicators": {"I01": …}} becomes an
 * empty {@link Indicators}), and that plan would accept a duplicate or refuse a valid command.
 *
 * <p>Why an upcaster: snapshots pass through the same upcaster chain as events on their way to the serializer, and an
 * upcaster may drop a representation; the store then has no snapshot for the plan. Axon's {@code SnapshotFilter}
 * would say the same more directly, but only storage engines built with it apply it, and ours
 * ({@code MongoEventStorageEngine}, built in the event-store module) is not; an {@code @Aggregate(snapshotFilter)}
 * would be silently ineffective. Events never have the plan's type name, so they pass untouched.
 */
final class OlderPlanSnapshots implements EventUpcaster {

    private static final Logger log = LoggerFactory.getLogger(OlderPlanSnapshots.class);

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> representations) {
        return representations.filter(representation -> {
            if (!isOlderPlanSnapshot(representation.getType())) {
                return true;
            }
            log.info("Ignoring the snapshot of plan {} at version {}: its shape is revision {}, this release reads {}; "
                            + "the plan loads from its events", representation.getAggregateIdentifier().orElse("?"),
                    representation.getSequenceNumber().orElse(null), representation.getType().getRevision(),
                    Plan.SNAPSHOT_SHAPE);
            return false;
        });
    }

    static boolean isOlderPlanSnapshot(SerializedType type) {
        return Plan.class.getName().equals(type.getName()) && !Plan.SNAPSHOT_SHAPE.equals(type.getRevision());
    }
}

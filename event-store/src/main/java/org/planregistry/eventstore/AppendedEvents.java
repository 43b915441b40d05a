package org.planregistry.eventstore;

import java.util.Optional;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What the event store appended for one unit of work: the global sequence of the last event written and that
 * event's aggregate and sequence number (the aggregate's version afterwards).
 *
 * <p>It lives among the resources of the root unit of work, so it travels with the command, not with a thread:
 * whoever handles the command (a command handler interceptor) takes it before the handler runs, the engine fills
 * it when the unit of work commits and appends, and the command's result carries it back to the sender, on
 * whichever threads those steps ran. An append outside a unit of work records nothing.
 */
public final class AppendedEvents {

    private static final String RESOURCE = AppendedEvents.class.getName();

    private volatile Appended last;

    /** The last event written by one append. */
    public record Appended(long globalSequence, String aggregateIdentifier, long aggregateSequence) {
    }

    private AppendedEvents() {
    }

    /** The record of {@code unitOfWork}'s appends, created on first use. */
    public static AppendedEvents of(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(RESOURCE, key -> new AppendedEvents());
    }

    /** Called by the engine after a successful append, in the unit of work that committed the events. */
    static void record(Appended appended) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> of(unitOfWork).last = appended);
    }

    /** The last event appended in the unit of work; empty while it has not committed or when it wrote nothing. */
    public Optional<Appended> last() {
        return Optional.ofNullable(last);
    }
}

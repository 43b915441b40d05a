package org.planregistry.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.audit.AuditStore.Memory;
import org.planregistry.query.audit.ChangeInWords.Description;
import org.planregistry.query.event.RecordedEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit log: one entry per event, keyed by global sequence, with the change in words. Idempotent: an entry
 * already written is not written again, and remembered facts move only forward, so a re-delivered event changes
 * nothing. The log's head is where every segment of the processor has got, below its first open gap
 * ({@link AuditStore#head}), so a page never ends past an event that has yet to be committed. Changes are buffered
 * per batch of events ({@link AuditChanges}) and written at its end.
 */
@Component
@ProcessingGroup(AuditStore.PROCESSING_GROUP)
class AuditProjection {

    private final AuditStore store;

    AuditProjection(AuditStore store) {
        this.store = store;
    }

    @EventHandler
    void on(PlanEvent payload, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        AuditChanges changes = store.changes();
        String key = ChangeInWords.memoryKey(payload);
        Memory memory = key == null ? Memory.NONE : changes.recall(key);
        boolean written = changes.holds(event.globalSequence());
        boolean remembered = key == null || memory.lastSequence() >= event.globalSequence();
        if (!written || !remembered) {
            Description description = ChangeInWords.describe(payload, memory.facts());
            if (!written) {
                changes.write(new AuditEntry(event.globalSequence(), event.recordedAt(), event.effectiveFrom(),
                        event.type(), event.plan(), description.element(), description.subject(), event.actor(),
                        event.role(), event.reason(), event.decisionRef(), event.decisionDate(), event.correlationId(),
                        description.change()));
            }
            if (!remembered) {
                changes.remember(key, description.factsAfter(), event.globalSequence());
            }
        }
    }

    @ResetHandler
    void reset() {
        store.clear();
    }
}

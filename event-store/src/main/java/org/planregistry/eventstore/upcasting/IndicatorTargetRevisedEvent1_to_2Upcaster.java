package org.planregistry.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code IndicatorTargetRevisedEvent} revision 1 → 2: revision 2 added {@code decisionDate}, the date of the decision
 * document. A revision-1 event never recorded that date, so it is upcast with {@code "decisionDate": null}, written
 * after {@code decisionRef} like the record's component. Everything else is left exactly as stored.
 *
 * <p>The stored type name is written out, not taken from the class: it is what the store holds, and it must keep
 * matching old events even if the Java type were ever moved.
 */
public class IndicatorTargetRevisedEvent1_to_2Upcaster extends SingleEventUpcaster {

    /** The stored type name of the event, as every revision of it is stored. */
    public static final String TYPE = "org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent";
    private static final SerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType stored = representation.getType();
        return TYPE.equals(stored.getName()) && REVISION_1.getRevision().equals(stored.getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class,
                IndicatorTargetRevisedEvent1_to_2Upcaster::upcast);
    }

    /** The revision-2 payload for a revision-1 payload; the given node is not changed. */
    static JsonNode upcast(JsonNode revision1) {
        ObjectNode revision2 = revision1.deepCopy();
        revision2.putNull("decisionDate");
        return revision2;
    }
}

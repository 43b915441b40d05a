package org.planregistry.eventstore;

/**
 * One thing a verification found wrong with the stored events, where it is and what it is.
 *
 * @param kind           what is wrong (see {@link Kind})
 * @param globalSequence the global sequence ({@code _id}) it was found at; {@code null} when the event is gone
 * @param plan           the plan whose chain it concerns; {@code null} for a number that holds nothing
 * @param sequenceNumber the event's position within the plan; {@code null} when it concerns no plan
 * @param detail         what was found, in words
 */
public record ChainProblem(Kind kind, Long globalSequence, String plan, Long sequenceNumber, String detail) {

    /** What a problem is. Documented for auditors in docs/security.md ("Proof that history was not rewritten"). */
    public enum Kind {
        /** The event's payload is not what was hashed. */
        PAYLOAD_CHANGED,
        /** Its metadata (actor, role, correlation id, …) or its recorded time is not what was hashed. */
        METADATA_CHANGED,
        /** Its content is not what was hashed, and which part changed cannot be told (its identity, or its hash). */
        CONTENT_CHANGED,
        /** Its own hash holds but its previous-hash is not the stored hash of the plan's event before it. */
        LINK_BROKEN,
        /** The plan has no event at this sequence number while it has later ones. */
        MISSING,
        /** The event is stored at a global sequence other than the one it was written at (moved, swapped). */
        OUT_OF_ORDER,
        /** Two stored events claim the same global sequence (one is a copy). */
        SEQUENCE_REPEATED,
        /** A global sequence up to the store's counter holds neither an event nor a filler. */
        SEQUENCE_GAP,
        /**
         * An event at a global sequence the store never handed out or under a key no plan's chain reaches, or a
         * document that is neither an event nor a filler.
         */
        FORGED,
        /**
         * The event says it belongs to another plan than the chain it is stored in (its key, aggregate or payload),
         * or its previous-hash is the hash of another plan's event.
         */
        WRONG_PLAN,
        /** At the position of a digest kept earlier the chain now has another hash: history up to it was rewritten. */
        REWRITTEN,
        /** The chain no longer reaches the position of a digest kept earlier: events were removed from its end. */
        TRUNCATED
    }
}

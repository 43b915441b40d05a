package org.planregistry.command.importing;

/**
 * The outcome of an import: whether it adopted the plan or found it already adopted exactly as the document says,
 * how many elements the document holds and how many events were written.
 */
public record ImportReport(String planCode, Outcome outcome, int elements, int eventsWritten, Long globalSequence,
                           String message) {

    public enum Outcome {
        /** The plan was new: every element adopted. */
        ADOPTED,
        /** An import of this document had been cut short: the elements it had not reached were adopted. */
        COMPLETED,
        /** The plan was adopted exactly so already: nothing written. */
        UNCHANGED
    }
}

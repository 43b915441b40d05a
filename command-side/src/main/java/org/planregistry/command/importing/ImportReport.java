package org.planregistry.command.importing;

/**
 * The outcome of an import: whether it adopted the plan or found it already adopted exactly as the document says,
 * how many elements the document holds and how many events were written.
 */
public record ImportReport(String planCode, Outcome outcome, int elements, int eventsWritten, Long globalSequence,
                           String message) {

    public enum Outcome {
        ADOPTED,
        UNCHANGED
    }
}

package org.planregistry.command.importing;

import java.util.List;

/** A plan definition document that cannot be imported as it stands; nothing of it has been written. */
public class InvalidPlanDocument extends RuntimeException {

    private final transient List<DocumentProblem> problems;

    public InvalidPlanDocument(List<DocumentProblem> problems) {
        super(problems.size() == 1 ? "The plan document has 1 problem"
                : "The plan document has " + problems.size() + " problems");
        this.problems = List.copyOf(problems);
    }

    public List<DocumentProblem> problems() {
        return problems;
    }
}

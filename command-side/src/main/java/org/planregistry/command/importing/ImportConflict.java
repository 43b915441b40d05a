package org.planregistry.command.importing;

import java.util.List;

/**
 * A document that differs from what was adopted for an existing plan. An import never rewrites an adopted plan:
 * changes go through revisions, amendments and corrections, each with its reason and decision.
 */
public class ImportConflict extends RuntimeException {

    private final transient List<String> differences;

    public ImportConflict(String planCode, List<String> differences) {
        super("Plan " + planCode + " is already adopted and the document differs from it in " + differences.size()
                + " element(s). An import never rewrites an adopted plan: record each change as a revision, "
                + "amendment or correction (POST /api/plans/" + planCode + "/indicators/{code}/revisions, …).");
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}

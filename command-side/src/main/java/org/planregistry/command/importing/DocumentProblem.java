package org.planregistry.command.importing;

/**
 * One thing wrong with a plan definition document: where (a JSON pointer such as
 * {@code /indicators/3/target/value}, and the line for YAML) and why.
 */
public record DocumentProblem(String path, Integer line, String reason) {
}

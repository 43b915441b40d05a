package org.planregistry.query.consistency;

/**
 * A tracking processor of this application that keeps no view, such as the Kafka publisher: {@link ViewProgress}
 * does not list it, so a view rebuild neither resets it (which would publish the whole store again) nor waits for
 * it. Declared as a bean by whoever registers the processor.
 */
public record NotAView(String processingGroup) {
}

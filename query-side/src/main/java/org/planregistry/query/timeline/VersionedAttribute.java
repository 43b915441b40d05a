package org.planregistry.query.timeline;

import java.util.List;

/**
 * One attribute's versions, in order of precedence ({@link TimePoint#inPrecedenceOrder}), with what they are
 * versions of: the element ("indicator I03", or "plan") and the attribute ("target", "milestone:2023", "adopted",
 * "finding E1/F2").
 */
public record VersionedAttribute(String element, String attribute, List<Version> versions) {
}

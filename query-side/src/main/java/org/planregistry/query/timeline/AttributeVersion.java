package org.planregistry.query.timeline;

/**
 * A version together with what it is a version of: the element ("indicator I03", or "plan") and the attribute
 * ("target", "milestone:2023", "adopted", "finding E1/F2"). The flat form histories and pending changes list.
 */
public record AttributeVersion(String element, String attribute, Version version) {
}

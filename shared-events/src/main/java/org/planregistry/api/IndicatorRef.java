package org.planregistry.api;

/** An indicator of a given plan: indicator codes are unique within a plan only. */
public record IndicatorRef(String planCode, String indicatorCode) {
}

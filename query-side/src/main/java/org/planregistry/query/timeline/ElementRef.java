package org.planregistry.query.timeline;

import java.time.LocalDate;

/**
 * A plan document's entry for one of its elements: the key to load it by, and the dates the catalogue needs to
 * count live elements without loading them.
 *
 * @param retiredFrom the effective date of the latest recorded retirement, {@code null} if never retired
 */
public record ElementRef(String key, ElementKind kind, String code, LocalDate adoptedFrom, LocalDate retiredFrom) {

    public boolean isLiveOn(LocalDate date) {
        return !adoptedFrom.isAfter(date) && (retiredFrom == null || retiredFrom.isAfter(date));
    }

    ElementRef retiredFrom(LocalDate date) {
        return new ElementRef(key, kind, code, adoptedFrom, date);
    }
}

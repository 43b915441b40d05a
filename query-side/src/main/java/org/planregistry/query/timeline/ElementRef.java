package org.planregistry.query.timeline;

import java.time.LocalDate;

/**
 * A plan document's entry for one of its elements: the key to load it by, and the dates the catalogue needs to
 * count live elements without loading them.
 *
 * @param retiredFrom the effective date of the latest recorded retirement, {@code null} if never retired
 * @param published   for an evaluation, whether its publication is recorded: the feed and the catalogue learn from
 *                    this one document which evaluations the public may see
 */
public record ElementRef(String key, ElementKind kind, String code, LocalDate adoptedFrom, LocalDate retiredFrom,
                         boolean published) {

    /** Whether the element is for everyone to read: anything but an evaluation not (yet) published. */
    public boolean isPublic() {
        return kind != ElementKind.EVALUATION || published;
    }

    public boolean isLiveOn(LocalDate date) {
        return !adoptedFrom.isAfter(date) && (retiredFrom == null || retiredFrom.isAfter(date));
    }

    ElementRef retiredFrom(LocalDate date) {
        return new ElementRef(key, kind, code, adoptedFrom, date, published);
    }

    ElementRef publishedNow() {
        return new ElementRef(key, kind, code, adoptedFrom, retiredFrom, true);
    }
}

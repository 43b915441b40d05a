package org.planregistry.query.changedates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The dates on which something in a plan took or takes effect, as known at {@code knownAt}: where a reader moving
 * through the plan's period finds a different plan, and so the stops of the web page's date slider.
 */
public record ChangeDatesView(String plan, Instant knownAt, List<ChangeDate> dates) {

    /**
     * One effective date and how many recorded values (versions of attributes) take effect on it: an adoption sets
     * several, such as an indicator and its baseline and target.
     */
    public record ChangeDate(LocalDate date, int changes) {
    }
}

package org.planregistry.api;

import java.time.LocalDate;

/** The years a plan covers, both inclusive (2021–2025 for a 14th Five-Year Plan). */
public record Period(int from, int to) {

    public LocalDate firstDay() {
        return LocalDate.of(from, 1, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(to, 12, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public boolean containsYear(int year) {
        return year >= from && year <= to;
    }
}

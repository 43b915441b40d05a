package org.planregistry.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class TimePointTest {

    private static final Version ADOPTED = version(1, "2022-01-01", "2022-01-05T00:00:00Z", "6400");
    private static final Version RETROACTIVE = version(9, "2023-01-01", "2024-05-10T00:00:00Z", "6800");
    private static final Version FUTURE = version(12, "2025-01-01", "2024-06-01T00:00:00Z", "7000");
    private static final Version SAME_DAY_LATER = version(13, "2025-01-01", "2024-06-02T00:00:00Z", "7100");
    private static final List<Version> VERSIONS = List.of(ADOPTED, RETROACTIVE, FUTURE, SAME_DAY_LATER);

    @Test
    void theVersionInForceIsTheLatestEffectiveAmongThoseRecordedByKnownAt() {
        assertThat(value("2023-06-30", "2024-01-01T00:00:00Z")).isEqualTo("6400");
        assertThat(value("2023-06-30", "2024-12-31T00:00:00Z")).isEqualTo("6800");
        assertThat(value("2022-06-30", "2024-12-31T00:00:00Z")).isEqualTo("6400");
    }

    @Test
    void amongVersionsEffectiveTheSameDayTheLaterRecordedWins() {
        assertThat(value("2025-01-01", "2024-06-01T12:00:00Z")).isEqualTo("7000");
        assertThat(value("2025-01-01", "2024-12-31T00:00:00Z")).isEqualTo("7100");
    }

    @Test
    void versionsInRecordingOrderAreSelectedInOrderOfPrecedence() {
        List<Version> recorded = List.of(ADOPTED, FUTURE, SAME_DAY_LATER, RETROACTIVE);
        List<Version> ordered = TimePoint.inPrecedenceOrder(recorded);

        assertThat(ordered).containsExactly(ADOPTED, RETROACTIVE, FUTURE, SAME_DAY_LATER);
        assertThat(TimePoint.inPrecedenceOrder(VERSIONS)).isSameAs(VERSIONS);
        assertThat(point("2024-12-31", "2024-12-31T00:00:00Z").inForce(ordered)).contains(RETROACTIVE);
        assertThat(point("2024-12-31", "2024-05-01T00:00:00Z").inForce(ordered)).contains(ADOPTED);
    }

    @Test
    void anElementKeepsEachAttributesVersionsInOrderOfPrecedence() {
        ElementDocument element = new ElementDocument("P|indicator|I01", "P", ElementKind.INDICATOR, "I01", ADOPTED,
                Map.of(Attribute.TARGET, List.of(SAME_DAY_LATER, ADOPTED, FUTURE, RETROACTIVE)), List.of(),
                13);

        assertThat(element.versions(Attribute.TARGET)).containsExactly(ADOPTED, RETROACTIVE, FUTURE, SAME_DAY_LATER);
        assertThat(element.inForce(Attribute.TARGET, point("2025-06-30", "2024-06-01T12:00:00Z"))).contains(FUTURE);
    }

    @Test
    void nothingIsInForceBeforeTheFirstEffectiveDateOrRecording() {
        assertThat(point("2021-12-31", "2030-01-01T00:00:00Z").inForce(VERSIONS)).isEmpty();
        assertThat(point("2030-01-01", "2022-01-04T00:00:00Z").inForce(VERSIONS)).isEmpty();
    }

    private static String value(String asOf, String knownAt) {
        return point(asOf, knownAt).inForce(VERSIONS).orElseThrow().value().asText();
    }

    private static TimePoint point(String asOf, String knownAt) {
        return new TimePoint(LocalDate.parse(asOf), Instant.parse(knownAt));
    }

    private static Version version(long sequence, String effective, String recorded, String value) {
        return new Version("IndicatorTargetRevised", LocalDate.parse(effective), Instant.parse(recorded), sequence,
                TextNode.valueOf(value), "registrar.li", "REGISTRAR", null, null, null);
    }
}

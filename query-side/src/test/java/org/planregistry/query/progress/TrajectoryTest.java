package org.planregistry.query.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;

class TrajectoryTest {

    private static final Baseline BASELINE = new Baseline(2020, new BigDecimal("4189.6"));
    private static final Target TARGET = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);

    @Test
    void atEachYearEndTheLineIsTheExactShareOfTheWayFromBaselineToTarget() {
        assertThat(Trajectory.lineValue(LocalDate.of(2021, 12, 31), BASELINE, TARGET)).isEqualTo("4631.68");
        assertThat(Trajectory.lineValue(LocalDate.of(2022, 12, 31), BASELINE, TARGET)).isEqualTo("5073.76");
        assertThat(Trajectory.lineValue(LocalDate.of(2024, 12, 31), BASELINE, TARGET)).isEqualTo("5957.92");
    }

    @Test
    void withinAYearTheLineAdvancesByDayAndIsRoundedHalfUpToTwoPlacesBeyondTheInputs() {
        assertThat(Trajectory.lineValue(LocalDate.of(2023, 7, 1), BASELINE, TARGET)).isEqualTo("5294.194");
        assertThat(Trajectory.lineValue(LocalDate.of(2024, 2, 29), BASELINE, TARGET).scale()).isLessThanOrEqualTo(3);
    }

    @Test
    void beforeTheBaselineYearEndsItIsTheBaselineAndAfterTheTargetYearTheTarget() {
        assertThat(Trajectory.lineValue(LocalDate.of(2020, 6, 30), BASELINE, TARGET)).isEqualTo("4189.6");
        assertThat(Trajectory.lineValue(LocalDate.of(2025, 12, 31), BASELINE, TARGET)).isEqualTo("6400");
        assertThat(Trajectory.lineValue(LocalDate.of(2027, 1, 1), BASELINE, TARGET)).isEqualTo("6400");
    }

    @Test
    void aMilestoneForTheYearWinsAndWithoutBaselineOrMilestoneThereIsNoPlan() {
        Map<Integer, BigDecimal> milestones = Map.of(2023, new BigDecimal("5200"));

        PlannedValue planned = Trajectory.plannedOn(LocalDate.of(2023, 3, 1), BASELINE, TARGET, milestones)
                .orElseThrow();

        assertThat(planned.value()).isEqualTo("5200");
        assertThat(planned.basis()).isEqualTo(PlannedValue.Basis.MILESTONE);
        assertThat(Trajectory.plannedOn(LocalDate.of(2023, 3, 1), new Baseline(2020, null), TARGET, Map.of()))
                .isEmpty();
    }
}

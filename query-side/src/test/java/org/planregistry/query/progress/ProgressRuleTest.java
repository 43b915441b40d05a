package org.planregistry.query.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;

class ProgressRuleTest {

    private static final Baseline RISING = new Baseline(2020, new BigDecimal("100"));

    @Test
    void theQualifierDecidesWhenATargetIsAchieved() {
        assertThat(achieved("1000", Qualifier.AT_LEAST, "1000")).isTrue();
        assertThat(achieved("1000", Qualifier.EXCEEDING, "1000")).isFalse();
        assertThat(achieved("1000", Qualifier.EXCEEDING, "1000.1")).isTrue();
        assertThat(achieved("1000", Qualifier.ABOUT, "980")).isTrue();
        assertThat(achieved("1000", Qualifier.APPROXIMATELY, "979.9")).isFalse();
        assertThat(achieved("1000", Qualifier.EXACT, "999.9")).isFalse();
    }

    @Test
    void aFallingIndicatorIsAchievedAndOnTrackDownwards() {
        Baseline high = new Baseline(2020, new BigDecimal("2.0"));
        Target low = new Target(2025, new BigDecimal("1.5"), Qualifier.EXACT);
        PlannedValue planned = new PlannedValue(LocalDate.of(2022, 12, 31), new BigDecimal("1.8"),
                PlannedValue.Basis.TRAJECTORY);

        assertThat(ProgressRule.judge(high, low, 2024, new BigDecimal("1.4"), planned).status())
                .isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(ProgressRule.judge(high, low, 2022, new BigDecimal("1.75"), planned).status())
                .isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(ProgressRule.judge(high, low, 2022, new BigDecimal("1.89"), planned).status())
                .isEqualTo(ProgressStatus.AT_RISK);
        assertThat(ProgressRule.judge(high, low, 2022, new BigDecimal("1.9"), planned).status())
                .isEqualTo(ProgressStatus.OFF_TRACK);
    }

    @Test
    void theAtRiskBandIsFivePerCentOfThePlannedValueInclusive() {
        Target target = new Target(2025, new BigDecimal("1000"), Qualifier.ABOUT);
        PlannedValue planned = new PlannedValue(LocalDate.of(2022, 12, 31), new BigDecimal("400"),
                PlannedValue.Basis.TRAJECTORY);

        assertThat(ProgressRule.judge(RISING, target, 2022, new BigDecimal("400"), planned).status())
                .isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(ProgressRule.judge(RISING, target, 2022, new BigDecimal("380"), planned).status())
                .isEqualTo(ProgressStatus.AT_RISK);
        assertThat(ProgressRule.judge(RISING, target, 2022, new BigDecimal("379.99"), planned).status())
                .isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(ProgressRule.judge(RISING, target, null, null, planned).status())
                .isEqualTo(ProgressStatus.NO_DATA);
        assertThat(ProgressRule.judge(RISING, target, 2022, new BigDecimal("380"), null).status())
                .isEqualTo(ProgressStatus.NO_BASELINE);
    }

    private static boolean achieved(String target, Qualifier qualifier, String observed) {
        return ProgressRule.achieved(new BigDecimal(observed), new Target(2025, new BigDecimal(target), qualifier),
                false);
    }
}

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
        boolean falling = ProgressRule.isFalling(high, low);

        assertThat(ProgressRule.judge(low, "for 2024", new BigDecimal("1.4"), true, falling, planned).status())
                .isEqualTo(ProgressStatus.ACHIEVED);
        assertThat(ProgressRule.judge(low, "for 2022", new BigDecimal("1.75"), true, falling, planned).status())
                .isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(ProgressRule.judge(low, "for 2022", new BigDecimal("1.89"), true, falling, planned).status())
                .isEqualTo(ProgressStatus.AT_RISK);
        assertThat(ProgressRule.judge(low, "for 2022", new BigDecimal("1.9"), true, falling, planned).status())
                .isEqualTo(ProgressStatus.OFF_TRACK);
    }

    @Test
    void theAtRiskBandIsFivePerCentOfThePlannedValueInclusive() {
        Target target = new Target(2025, new BigDecimal("1000"), Qualifier.ABOUT);
        PlannedValue planned = new PlannedValue(LocalDate.of(2022, 12, 31), new BigDecimal("400"),
                PlannedValue.Basis.TRAJECTORY);

        assertThat(ProgressRule.judge(target, "for 2022", new BigDecimal("400"), true, false, planned).status())
                .isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(ProgressRule.judge(target, "for 2022", new BigDecimal("380"), true, false, planned).status())
                .isEqualTo(ProgressStatus.AT_RISK);
        assertThat(ProgressRule.judge(target, "for 2022", new BigDecimal("379.99"), true, false, planned).status())
                .isEqualTo(ProgressStatus.OFF_TRACK);
        assertThat(ProgressRule.judge(target, "for 2022", null, true, false, planned).status())
                .isEqualTo(ProgressStatus.NO_DATA);
        assertThat(ProgressRule.judge(target, "for 2022", new BigDecimal("380"), true, false, null).status())
                .isEqualTo(ProgressStatus.NO_BASELINE);
    }

    @Test
    void oneYearsAmountOfAnAccumulatedTotalNeverMeetsTheTarget() {
        Target total = new Target(2025, new BigDecimal("1000"), Qualifier.EXACT);
        PlannedValue yearAmount = new PlannedValue(LocalDate.of(2023, 12, 31), new BigDecimal("200"),
                PlannedValue.Basis.YEAR_AMOUNT);

        ProgressRule.Judgement judgement = ProgressRule.judge(total, "for 2023 alone", new BigDecimal("1200"), false,
                false, yearAmount);

        assertThat(judgement.status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(judgement.reason()).isEqualTo("observed 1200 for 2023 alone is at or beyond the planned 200");
    }

    private static boolean achieved(String target, Qualifier qualifier, String observed) {
        return ProgressRule.achieved(new BigDecimal(observed), new Target(2025, new BigDecimal(target), qualifier),
                false);
    }
}

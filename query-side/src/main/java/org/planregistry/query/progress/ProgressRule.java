package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.planregistry.api.Baseline;
import org.planregistry.api.Target;

/**
 * The status rule, applied in this order to the latest observation in force that the indicator's measurement basis
 * can compare ({@link PlannedPath}):
 * <ol>
 *   <li>NO_DATA when there is no observed value;</li>
 *   <li>ACHIEVED when the observation meets the target as the plan qualifies it (one year's amount of an accumulated
 *       total never does): at least (以上) ≥ target, exceeding (突破) &gt; target, exact ≥ target (≤ for a falling
 *       indicator), about (左右) and approximately (约) within 2 % of the target (short of it by at most 2 % of its
 *       size);</li>
 *   <li>NO_BASELINE when no planned value exists for what the observation covers (no milestone, no baseline);</li>
 *   <li>ON_TRACK when the observation is at or beyond the planned value for what it covers, AT_RISK when short of it
 *       by at most 5 % of the planned value, OFF_TRACK otherwise.</li>
 * </ol>
 * An indicator falls when its target is below its baseline; "short" and "beyond" then point downwards. All
 * comparisons are exact decimal.
 */
final class ProgressRule {

    static final BigDecimal ABOUT_TOLERANCE = new BigDecimal("0.02");
    static final BigDecimal AT_RISK_BAND = new BigDecimal("0.05");

    private ProgressRule() {
    }

    /** The status and the words that explain it. */
    record Judgement(ProgressStatus status, String reason) {
    }

    static boolean isFalling(Baseline baseline, Target target) {
        return baseline != null && baseline.value() != null && target.value().compareTo(baseline.value()) < 0;
    }

    /**
     * Judges one observation.
     *
     * @param covering      what the observation covers, in words ("for 2022", "accumulated 2021–2023")
     * @param mayMeetTarget whether it can meet the target at all (one year's amount of a total cannot)
     * @param falling       whether the indicator falls, so that "short" points downwards
     */
    static Judgement judge(Target target, String covering, BigDecimal observed, boolean mayMeetTarget,
                           boolean falling, PlannedValue planned) {
        if (observed == null) {
            return new Judgement(ProgressStatus.NO_DATA, "no finding with an observed value is in force");
        }
        if (mayMeetTarget && achieved(observed, target, falling)) {
            return new Judgement(ProgressStatus.ACHIEVED, "observed " + plain(observed) + " " + covering
                    + " meets the target " + plain(target.value()) + " " + target.qualifier() + " ("
                    + target.year() + ")");
        }
        if (planned == null) {
            return new Judgement(ProgressStatus.NO_BASELINE, "no baseline and no milestone " + covering
                    + ": nothing to compare the observation with");
        }
        BigDecimal shortfall = falling ? observed.subtract(planned.value()) : planned.value().subtract(observed);
        if (shortfall.signum() <= 0) {
            return new Judgement(ProgressStatus.ON_TRACK, "observed " + plain(observed) + " " + covering
                    + " is at or beyond the planned " + plain(planned.value()));
        }
        BigDecimal band = planned.value().abs().multiply(AT_RISK_BAND);
        ProgressStatus status = shortfall.compareTo(band) <= 0 ? ProgressStatus.AT_RISK : ProgressStatus.OFF_TRACK;
        String share = planned.value().signum() == 0 ? ""
                : " (" + plain(shortfall.multiply(BigDecimal.valueOf(100))
                .divide(planned.value().abs(), 1, RoundingMode.HALF_UP)) + " % of it)";
        return new Judgement(status, "observed " + plain(observed) + " " + covering + " falls short of the planned "
                + plain(planned.value()) + " by " + plain(shortfall) + share);
    }

    static boolean achieved(BigDecimal observed, Target target, boolean falling) {
        BigDecimal goal = target.value();
        int comparison = observed.compareTo(goal);
        return switch (target.qualifier()) {
            case AT_LEAST -> comparison >= 0;
            case EXCEEDING -> comparison > 0;
            case EXACT -> falling ? comparison <= 0 : comparison >= 0;
            case ABOUT, APPROXIMATELY -> {
                BigDecimal tolerance = goal.abs().multiply(ABOUT_TOLERANCE);
                yield falling ? observed.compareTo(goal.add(tolerance)) <= 0
                        : observed.compareTo(goal.subtract(tolerance)) >= 0;
            }
        };
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}

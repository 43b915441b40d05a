package org.planregistry.query.deadletter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.planregistry.query.event.DeadLetter;
import org.planregistry.query.event.DeadLetters;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Parked events in health ({@code parkedEvents}: how many, per view and plan) and as the gauge
 * {@code registry.views.dead.letters}. It stays UP and is not part of readiness: the other plans are answered, so
 * taking the instance out of service would only hide the good answers; the operator alerts on the gauge instead.
 */
@Component("parkedEvents")
class DeadLetterHealth extends AbstractHealthIndicator {

    private final DeadLetters letters;

    DeadLetterHealth(DeadLetters letters, MeterRegistry meters) {
        super("the parked events could not be read");
        this.letters = letters;
        Gauge.builder("registry.views.dead.letters", letters, DeadLetters::count)
                .description("Events parked because a view could not project them, with their plans' later events")
                .register(meters);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<DeadLetter> all = letters.all();
        Map<String, Long> perPlan = new TreeMap<>();
        all.forEach(letter -> perPlan.merge(letter.view() + "/" + letter.plan(), 1L, Long::sum));
        builder.up().withDetail("parked", all.size()).withDetail("plans", perPlan);
    }
}

package org.planregistry.query;

import java.time.Clock;
import java.time.ZoneId;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.planregistry.eventstore.EventJson;
import org.planregistry.query.event.PerPlan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's wiring that is not a view: the registry's clock, the JSON conventions, failing projections, the
 * views' sequencing policy.
 */
@Configuration
class QuerySideConfiguration {

    /**
     * The registry's clock. Its zone decides what "today" is when {@code asOf} is omitted: the plans are Chinese
     * government plans, so by default China Standard Time.
     */
    @Bean
    Clock clock(@Value("${registry.query.zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    /** Answers use the events' JSON conventions: exact decimals as strings, ISO-8601 dates and instants. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer eventJsonConventions() {
        return builder -> builder.postConfigurer(EventJson::configure);
    }

    /**
     * A projection that fails must not skip the event, as Axon's default logging handler would: the error
     * propagates, so a view never silently misses a change. A view parks the event with its plan's later ones
     * ({@link org.planregistry.query.event.DeadLettering}); anything else (a failed write, another processor) makes
     * the processor release its segment and retry with back-off.
     */
    @Bean
    ConfigurerModule failingProjectionsRetry() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /** The views' sequencing policy ({@code sequencing-policy: perPlan} in application.yml): one plan, one segment. */
    @Bean
    PerPlan perPlan() {
        return new PerPlan();
    }
}

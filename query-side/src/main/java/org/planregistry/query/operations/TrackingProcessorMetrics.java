package org.planregistry.query.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per tracking processor: {@code registry.processor.events} counts the events it handled (a handler interceptor on
 * every processor), {@code registry.processor.lag} is its lag in events ({@link ProcessorLag}); tag
 * {@code processor}.
 */
@Configuration(proxyBeanMethods = false)
class TrackingProcessorMetrics {

    @Bean
    ConfigurerModule processorMetricsModule(ObjectProvider<MeterRegistry> meters, ObjectProvider<ProcessorLag> lag) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) -> {
            MeterRegistry registry = meters.getObject();
            Gauge.builder("registry.processor.lag", () -> lag.getObject().lag(processor))
                    .description("Events between the head of the store and the processor's position here")
                    .tag("processor", processor).strongReference(true).register(registry);
            Counter handled = Counter.builder("registry.processor.events")
                    .description("Events handled by the processor").tag("processor", processor).register(registry);
            MessageHandlerInterceptor<EventMessage<?>> counting = (unitOfWork, chain) -> {
                Object result = chain.proceed();
                handled.increment();
                return result;
            };
            return counting;
        });
    }
}

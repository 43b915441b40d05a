package org.planregistry.httpguard;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Wires the guard into an application: the header and body checks run before sign-in (a body too large is refused
 * without paying for a password hash), the firewall's, the container's and Tomcat's refusals become problems. Before Boot's error
 * handling, so that Boot's own error controller stands aside.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpGuardProperties.class)
public class HttpGuardAutoConfiguration {

    @Bean
    FilterRegistrationBean<BodyLimits> bodyLimits(HttpGuardProperties limits) {
        FilterRegistrationBean<BodyLimits> registration = new FilterRegistrationBean<>(new BodyLimits(limits));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AcceptHeader> acceptHeader() {
        FilterRegistrationBean<AcceptHeader> registration = new FilterRegistrationBean<>(new AcceptHeader());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 11);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ReadableParameters> readableParameters() {
        FilterRegistrationBean<ReadableParameters> registration = new FilterRegistrationBean<>(
                new ReadableParameters());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 12);
        return registration;
    }

    /** After Boot's own customizer, so that this valve comes after Boot's in the pipeline and reports first. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> context.getParent().getPipeline()
                        .addValve(new ProblemReportValve()));
            }
        };
    }

    @Bean
    ContainerErrors containerErrors() {
        return new ContainerErrors();
    }

    @Bean
    RequestRejectedHandler firewallRefusals() {
        return new FirewallRefusals();
    }
}

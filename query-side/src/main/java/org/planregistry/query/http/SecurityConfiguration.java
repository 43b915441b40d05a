package org.planregistry.query.http;

import java.time.Clock;

import org.planregistry.httpguard.SecurityHeaders;
import org.planregistry.signin.AccessRules;
import org.planregistry.signin.BearerTokens;
import org.planregistry.signin.RegistrySecurity;
import org.planregistry.signin.RegistryUsers;
import org.planregistry.signin.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Who may read what (docs/security.md). Plans are public documents: with {@code registry.access.public-reading}
 * (the default) everyone may read them, their history, progress and published evaluations, and follow the event
 * stream; without it, reading needs a sign-in of any role. What a reader sees within an answer (unpublished
 * evaluations, names of officials) depends on who they are. The audit log and the verification of the store need an
 * auditor; rebuilding views and the actuator's endpoints other than health need the operator. Anything else is left
 * to the application to answer ("not found", "method not allowed"): for the public a GET when reading is public, the
 * web page's files always, and anything for someone signed in.
 */
@Configuration
class SecurityConfiguration {

    /** The rules, in order; the first that matches a request decides. */
    static AccessRules rules(boolean publicReading) {
        String[] page = {"/", "/index.html", "/report.html", "/css/**", "/js/**", "/webjars/**", "/favicon.ico"};
        return new AccessRules()
                .everyone("health for load balancers, status only", "/actuator/health", "/actuator/health/**")
                .everyone("the API's description", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                        "/swagger-ui.html", "/swagger-ui/**")
                .everyone("error pages", "/error")
                .everyone("the event schemas, a public contract", "/api/schemas", "/api/schemas/**")
                .role(Role.OPERATOR, null, "operating the query side", "/actuator/**", "/api/admin/**")
                .role(Role.AUDITOR, null, "the audit log and the proof that history was not rewritten",
                        "/api/audit", "/api/audit.csv", "/api/audit/**", "/api/plans/*/audit/**")
                .read(publicReading, "plans, their history and progress, published evaluations",
                        "/api/plans", "/api/plans/*", "/api/plans/*/diff", "/api/plans/*/progress",
                        "/api/plans/*/change-dates", "/api/plans/*/indicators/*/history",
                        "/api/plans/*/indicators/*/series", "/api/plans/*/evaluations/*/report")
                .read(publicReading, "the event stream", "/api/events", "/api/events/stream")
                .otherwise(HttpMethod.GET, new AccessRules.Everyone(), page)
                .otherwise(HttpMethod.GET, publicReading ? new AccessRules.Everyone() : new AccessRules.SignedIn(),
                        "/**")
                .otherwise(null, new AccessRules.SignedIn(), "/**");
    }

    @Bean
    SecurityFilterChain querySecurity(HttpSecurity http, Environment settings, RegistryUsers users,
            ObjectProvider<JwtDecoder> jwt,
                                      Clock clock, @Value("${registry.access.public-reading}") boolean publicReading)
            throws Exception {
        return RegistrySecurity.chain(http, rules(publicReading), users,
                jwt.getIfAvailable(), BearerTokens.configured(settings), clock,
                // Written before the request is handled: an event stream's response is written by another thread
                // as soon as it starts, and headers added after the handler returned would race with it.
                headers -> SecurityHeaders.apply(headers)
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }));
    }

    @Bean
    RegistryUsers users(Environment settings) {
        return RegistryUsers.configured(settings);
    }
}

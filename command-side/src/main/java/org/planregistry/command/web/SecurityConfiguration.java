package org.planregistry.command.web;

import java.time.Clock;

import org.planregistry.httpguard.SecurityHeaders;
import org.planregistry.signin.AccessRules;
import org.planregistry.signin.BearerTokens;
import org.planregistry.signin.RegistrySecurity;
import org.planregistry.signin.RegistryUsers;
import org.planregistry.signin.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may change what (docs/security.md). Registrars adopt, decompose, adjust and close plans; evaluators record
 * evaluations; the operator reads the actuator's endpoints (metrics, health details). Every command is made by a
 * signed-in person, whose name and role go onto the events. Health (status only) and the API's description (OpenAPI,
 * Swagger UI) are public. Anything else needs a sign-in (and is most likely "not found").
 */
@Configuration
class SecurityConfiguration {

    /** The rules, in order; the first that matches a request decides. */
    static AccessRules rules() {
        return new AccessRules()
                .everyone("health for load balancers, status only", "/actuator/health", "/actuator/health/**")
                .everyone("the API's description", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                        "/swagger-ui.html", "/swagger-ui/**")
                .everyone("error pages", "/error")
                .role(Role.OPERATOR, null, "operating the command side", "/actuator/**")
                .role(Role.EVALUATOR, HttpMethod.POST, "evaluations and findings", "/api/plans/*/evaluations",
                        "/api/plans/*/evaluations/**")
                .role(Role.REGISTRAR, HttpMethod.POST, "adopting, importing, decomposing, adjusting, closing",
                        "/api/plans", "/api/plans/**")
                // a mistyped address is "not found" for someone signed in
                .otherwise(null, new AccessRules.SignedIn(), "/**");
    }

    @Bean
    SecurityFilterChain commandSecurity(HttpSecurity http, Environment settings, RegistryUsers users,
            ObjectProvider<JwtDecoder> jwt)
            throws Exception {
        return RegistrySecurity.chain(http, rules(), users, jwt.getIfAvailable(),
                BearerTokens.configured(settings), Clock.systemUTC(), SecurityHeaders::apply);
    }

    @Bean
    RegistryUsers users(Environment settings) {
        return RegistryUsers.configured(settings);
    }
}
